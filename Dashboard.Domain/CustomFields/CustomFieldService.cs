using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.CustomFields;

/// <summary>A custom field definition as shown in forms and on the admin page.</summary>
public sealed record CustomFieldView(int Id, string Label, CustomFieldType Type, bool IsRequired, IReadOnlyList<string> Options, CardKind? AppliesTo, int SortOrder, bool IsActive);

/// <summary>A custom field as an Admin defines it.</summary>
public sealed class CustomFieldDraft
{
    public string? Label { get; set; }

    public CustomFieldType Type { get; set; } = CustomFieldType.Text;

    public bool IsRequired { get; set; }

    /// <summary>One option per line, for choice fields.</summary>
    public string? Options { get; set; }

    public CardKind? AppliesTo { get; set; }
}

/// <summary>Reads and (for Admins) defines the extra fields shown on cards.</summary>
public sealed class CustomFieldService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<CustomFieldView>> ListAsync(bool includeRetired = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fields = await db.CustomFields.AsNoTracking().Where(f => includeRetired || f.IsActive).OrderBy(f => f.SortOrder).ToListAsync(ct);
        return fields.Select(f => new CustomFieldView(f.Id, f.Label, f.Type, f.IsRequired, f.Options, f.AppliesTo, f.SortOrder, f.IsActive)).ToList();
    }

    public async Task<CommandResult<int>> DefineAsync(Actor actor, CustomFieldDraft draft, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Only an Admin can define custom fields."));
        }

        var errors = new List<FieldError>();
        var label = TextInput.Clean(draft.Label, nameof(draft.Label), errors);
        if (errors.Count == 0 && (label is null || label.Length > CustomFieldDefinition.LabelMaxLength))
        {
            errors.Add(new(nameof(draft.Label), "field.label", $"Enter a label of at most {CustomFieldDefinition.LabelMaxLength} characters."));
        }

        if (TextInput.Check(nameof(draft.Options), draft.Options) is { } refusedOptions)
        {
            errors.Add(refusedOptions);
        }

        var options = (draft.Options ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => TextNormalizer.Clean(o)!)
            .Where(o => o is not null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var isChoice = draft.Type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice;
        if (isChoice && options.Count < 2)
        {
            errors.Add(new(nameof(draft.Options), "field.options", "A choice field needs at least two options, one per line."));
        }

        if (options.Any(o => o.Contains(';', StringComparison.Ordinal) || o.Length > CustomFieldDefinition.OptionMaxLength))
        {
            errors.Add(new(nameof(draft.Options), "field.option-invalid", $"Options cannot contain ';' and must be at most {CustomFieldDefinition.OptionMaxLength} characters."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (label is not null && await db.CustomFields.AnyAsync(f => f.Label == label, ct))
        {
            errors.Add(new(nameof(draft.Label), "field.duplicate", $"A field named \"{label}\" already exists."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<int>.From(CommandResult.Invalid(errors));
        }

        var order = (await db.CustomFields.MaxAsync(f => (int?)f.SortOrder, ct) ?? 0) + 10;
        var field = db.CustomFields.Add(new CustomFieldDefinition(label!, draft.Type, draft.IsRequired, isChoice ? options : [], draft.AppliesTo, order)).Entity;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, "field.defined", "CustomField", field.Id.ToString(CultureInfo.InvariantCulture),
            $"Defined {draft.Type} field \"{label}\"{(draft.IsRequired ? " (required)" : string.Empty)}",
            [new FieldChange("Label", null, label), new FieldChange("Type", null, draft.Type.ToString()), new FieldChange("Required", null, draft.IsRequired.ToString()), new FieldChange("Options", null, string.Join("; ", options))]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return field.Id;
    }

    /// <summary>Retires a field: it disappears from forms and stops being required; stored values stay.</summary>
    public async Task<CommandResult> SetActiveAsync(Actor actor, int id, bool active, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult.Forbidden("Only an Admin can define custom fields.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var field = await db.CustomFields.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null)
        {
            return CommandResult.NotFound("The field does not exist.");
        }

        if (field.IsActive != active)
        {
            field.SetActive(active);
            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, active ? "field.restored" : "field.retired", "CustomField", id.ToString(CultureInfo.InvariantCulture), $"{(active ? "Restored" : "Retired")} field \"{field.Label}\"", [new FieldChange("Active", (!active).ToString(), active.ToString())]);
            await db.SaveChangesAsync(ct);
        }

        return CommandResult.Ok();
    }
}
