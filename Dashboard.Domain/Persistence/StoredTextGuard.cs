using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Domain.Persistence;

/// <summary>A save refused because it would have stored a character <see cref="TextInput"/> forbids; names the column.</summary>
public sealed class StoredTextException(string entity, string property)
    : InvalidOperationException($"{entity}.{property} would store a control character or a broken surrogate; the value must be refused where it enters the domain (TextInput).")
{
    public string Entity { get; } = entity;

    public string Property { get; } = property;
}

/// <summary>
/// The backstop behind <see cref="TextInput"/>: no save stores a text with a forbidden character, whichever path it
/// comes by. A path that forgot to check its input fails loudly here (and in the hostile-input tests) instead of
/// storing text that breaks exports, searches or the audit seal. Only added values and changed properties are looked at.
/// </summary>
internal sealed class StoredTextGuard : SaveChangesInterceptor
{
    private StoredTextGuard()
    {
    }

    public static StoredTextGuard Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType == typeof(string)
                    && (entry.State == EntityState.Added || property.IsModified)
                    && property.CurrentValue is string text && !TextInput.IsAllowed(text))
                {
                    throw new StoredTextException(entry.Metadata.DisplayName(), property.Metadata.Name);
                }
            }

            CheckOwned(entry);
        }
    }

    private static void CheckOwned(EntityEntry entry)
    {
        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                if (property.CurrentValue is string text && !TextInput.IsAllowed(text))
                {
                    throw new StoredTextException(entry.Metadata.DisplayName(), $"{complex.Metadata.Name}.{property.Metadata.Name}");
                }
            }
        }
    }
}
