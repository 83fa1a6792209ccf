using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.ReferenceData;

namespace Dashboard.Web.Api.ReferenceData;

/// <summary><c>/api/v1/reference-data</c>: the ids a card body refers to (industries, regions, channels, interests, tags, custom fields).</summary>
public static class ReferenceDataEndpoints
{
    public static RouteGroupBuilder MapReferenceDataEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reference-data", GetAsync).WithTags("Reference data")
            .WithName("GetReferenceData").WithSummary("The active list items, tags and custom fields, with their ids")
            .Produces<ReferenceDataResource>();
        return api;
    }

    private static async Task<IResult> GetAsync(ReferenceDataService lists, CustomFieldService fields, CancellationToken ct)
    {
        var items = new Dictionary<ListKind, IReadOnlyList<ListItemResource>>();
        foreach (var kind in Enum.GetValues<ListKind>())
        {
            items[kind] = (await lists.GetListAsync(kind, ct: ct)).Select(i => new ListItemResource(i.Id, i.Name)).ToList();
        }

        var tags = (await lists.GetTagsAsync(ct: ct)).Select(t => new TagDefinitionResource(t.Id, t.Name, t.GroupName)).ToList();
        var custom = (await fields.ListAsync(ct: ct))
            .Select(f => new CustomFieldDefinitionResource(f.Id, f.Label, f.Type, f.IsRequired, f.Options, f.AppliesTo)).ToList();
        return TypedResults.Ok(new ReferenceDataResource(items, tags, custom));
    }
}

public sealed record ListItemResource(int Id, string Name);

public sealed record TagDefinitionResource(int Id, string Name, string Group);

public sealed record CustomFieldDefinitionResource(int Id, string Label, CustomFieldType Type, bool IsRequired, IReadOnlyList<string> Options, CardKind? AppliesTo);

/// <summary>List items by list (Industry, Region, SourceChannel, Interest, …), tags and custom fields.</summary>
public sealed record ReferenceDataResource(
    IReadOnlyDictionary<ListKind, IReadOnlyList<ListItemResource>> Lists,
    IReadOnlyList<TagDefinitionResource> Tags,
    IReadOnlyList<CustomFieldDefinitionResource> CustomFields);
