using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Audit;

/// <summary>
/// The audit trail, newest first, filtered by actor, action, record and date range (kept in the URL) and paged. Auditors
/// and Admins also verify the hash chain here; a team lead sees the entries about the team's cards only.
/// </summary>
public sealed partial class AuditTrailPage
{
    private const int PageSize = 50;
    private PagedResult<AuditEntryView>? _page;
    private IReadOnlyList<string> _actions = [];
    private AuditTrailQuery _query = new();
    private string? _error;
    private int _pageNumber = 1;

    [Inject]
    private AuditTrailQueries Audit { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<DisplayOptions> Display { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "actor")]
    private string? ActorParameter { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    private string? ActionParameter { get; set; }

    [SupplyParameterFromQuery(Name = "record")]
    private string? RecordParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    private DateOnly? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private DateOnly? ToParameter { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageParameter { get; set; }

    private int PageCount => Math.Max(1, (int)Math.Ceiling((_page?.TotalCount ?? 0) / (double)PageSize));

    protected override async Task OnInitializedAsync() => _actions = await Audit.ActionsAsync(await CurrentActor.GetAsync());

    protected override Task OnParametersSetAsync()
    {
        _query = new AuditTrailQuery(ActorParameter, ActionParameter, RecordParameter, FromParameter, ToParameter);
        _pageNumber = Math.Max(1, PageParameter ?? 1);
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var display = Display.Value;
        var filter = new AuditTrailFilter(_query.Actor, _query.Action, _query.Record,
            _query.From is { } from ? display.ToUtc(from.ToDateTime(TimeOnly.MinValue)) : null,
            _query.To is { } to ? display.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);
        var result = await Audit.SearchAsync(await CurrentActor.GetAsync(), filter, _pageNumber - 1, PageSize);
        _page = result.Value;
        _error = result.Succeeded ? null : L.Message(result);
    }

    private void OnFilterChanged(AuditTrailQuery query) => Navigate(query, 1);

    private void OnPageChanged(int page) => Navigate(_query, page);

    private void Navigate(AuditTrailQuery query, int page) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["actor"] = Blank(query.Actor),
            ["action"] = Blank(query.Action),
            ["record"] = Blank(query.Record),
            ["from"] = query.From,
            ["to"] = query.To,
            ["page"] = page > 1 ? page : null,
        }), replace: true);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
