using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.ReferenceData;

/// <summary>A list entry as offered in dropdowns.</summary>
public sealed record ListItemView(int Id, ListKind Kind, string Name, int SortOrder, string? Colour, bool IsActive);

/// <summary>A tag with its group, for pickers and the admin page.</summary>
public sealed record TagDefinitionView(int Id, string Name, int GroupId, string GroupName, string? Colour, bool IsActive);

/// <summary>Reads the controlled lists and lets an Admin edit them; every edit is audited.</summary>
public sealed partial class ReferenceDataService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<ListItemView>> GetListAsync(ListKind kind, bool includeRetired = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ListItems.AsNoTracking()
            .Where(i => i.Kind == kind && (includeRetired || i.IsActive))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Name)
            .Select(i => new ListItemView(i.Id, i.Kind, i.Name, i.SortOrder, i.Colour, i.IsActive))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<TagDefinitionView>> GetTagsAsync(bool includeRetired = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tags.AsNoTracking()
            .Where(t => includeRetired || t.IsActive)
            .OrderBy(t => t.Group!.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TagDefinitionView(t.Id, t.Name, t.GroupId, t.Group!.Name, t.Group.Colour, t.IsActive))
            .ToListAsync(ct);
    }

    public async Task<CommandResult<int>> AddItemAsync(Actor actor, ListKind kind, string? name, string? colour = null, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Only an Admin can change the lists."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (clean, invalid) = await ValidateNameAsync(db, kind, name, null, ct);
        if (invalid is not null)
        {
            return CommandResult<int>.From(invalid);
        }

        if (!IsColour(colour))
        {
            return CommandResult<int>.From(CommandResult.Invalid("Colour", "colour.invalid", "Use a colour like #1E88E5."));
        }

        var order = (await db.ListItems.Where(i => i.Kind == kind).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 10;
        var item = db.ListItems.Add(new ListItem(kind, clean!, order, colour)).Entity;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, actor, now, "list.item-added", kind.ToString(), item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Added {ListNames.Singular(kind)} \"{clean}\"", [new FieldChange("Name", null, clean)]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return item.Id;
    }

    public async Task<CommandResult> RenameItemAsync(Actor actor, int id, string? name, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult.Forbidden("Only an Admin can change the lists.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return CommandResult.NotFound("The list entry does not exist.");
        }

        var (clean, invalid) = await ValidateNameAsync(db, item.Kind, name, id, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var before = item.Name;
        item.Rename(clean!);
        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, "list.item-renamed", item.Kind.ToString(), id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Renamed {ListNames.Singular(item.Kind)}", [new FieldChange("Name", before, clean)]);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>Retires or restores an entry. Retired entries stay on existing cards but are no longer offered.</summary>
    public async Task<CommandResult> SetItemActiveAsync(Actor actor, int id, bool active, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult.Forbidden("Only an Admin can change the lists.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.ListItems.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return CommandResult.NotFound("The list entry does not exist.");
        }

        if (item.IsActive != active)
        {
            item.SetActive(active);
            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, active ? "list.item-restored" : "list.item-retired", item.Kind.ToString(), id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{(active ? "Restored" : "Retired")} \"{item.Name}\"", [new FieldChange("Active", (!active).ToString(), active.ToString())]);
            await db.SaveChangesAsync(ct);
        }

        return CommandResult.Ok();
    }

    public async Task<CommandResult<int>> AddTagAsync(Actor actor, string? name, int groupId, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Only an Admin can change the lists."));
        }

        if (TextInput.Check("Name", name) is { } refused)
        {
            return CommandResult<int>.From(CommandResult.Invalid([refused]));
        }

        var clean = TextNormalizer.Clean(name);
        if (clean is null || clean.Length > Tag.NameMaxLength)
        {
            return CommandResult<int>.From(CommandResult.Invalid("Name", "tag.name", $"Enter a tag name of at most {Tag.NameMaxLength} characters."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.ListItems.AnyAsync(i => i.Id == groupId && i.Kind == ListKind.TagGroup, ct))
        {
            return CommandResult<int>.From(CommandResult.Invalid("GroupId", "tag.group", "Choose a tag group."));
        }

        if (await db.Tags.AnyAsync(t => t.Name == clean, ct))
        {
            return CommandResult<int>.From(CommandResult.Invalid("Name", "tag.duplicate", $"A tag named \"{clean}\" already exists."));
        }

        var tag = db.Tags.Add(new Tag(clean, groupId)).Entity;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, "tag.added", "Tag", tag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Added tag \"{clean}\"", [new FieldChange("Name", null, clean)]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return tag.Id;
    }

    private static async Task<(string? Name, CommandResult? Invalid)> ValidateNameAsync(DashboardDbContext db, ListKind kind, string? name, int? exceptId, CancellationToken ct)
    {
        if (TextInput.Check("Name", name) is { } refused)
        {
            return (null, CommandResult.Invalid([refused]));
        }

        var clean = TextNormalizer.Clean(name);
        if (clean is null)
        {
            return (null, CommandResult.Invalid("Name", "list.name-required", "Enter a name."));
        }

        if (clean.Length > ListItem.NameMaxLength)
        {
            return (null, CommandResult.Invalid("Name", "text.too-long", $"Must be at most {ListItem.NameMaxLength} characters."));
        }

        var lower = clean.ToLowerInvariant();
        if (await db.ListItems.AnyAsync(i => i.Kind == kind && i.Name.ToLower() == lower && i.Id != exceptId, ct))
        {
            return (null, CommandResult.Invalid("Name", "list.duplicate", $"\"{clean}\" is already in the list."));
        }

        return (clean, null);
    }

    private static bool IsColour(string? colour) => colour is null || ColourPattern().IsMatch(colour);

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColourPattern();
}
