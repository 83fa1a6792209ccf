using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Quality;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Quality;

/// <summary>
/// The team lead's quality page (PRODUCT.md C3/C4): score and accuracy rate overall, per owner and per team, cards overdue
/// for verification, invalid values, shared phones and e-mails, the rules failing most and the daily trend. Every count
/// links to the customer list with the matching filter. Refreshes when anyone saves a card.
/// </summary>
public sealed partial class QualityPage
{
    private QualityDashboard? _data;
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<StaffView> _staff = [];
    private IReadOnlyList<(Guid Id, string Name)> _teams = [];
    private ChartData _trend = ChartData.Empty;
    private DateTime? _loadedAt;
    private CardChangeSubscription? _subscription;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private bool _disposed;

    [Inject] private QualityQueries Quality { get; set; } = default!;

    [Inject] private StaffDirectory Staff { get; set; } = default!;

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private CardChangeNotifier Notifier { get; set; } = default!;

    [Inject] private IOptions<DisplayOptions> Display { get; set; } = default!;

    [Inject] private Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] private string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")] private string? To { get; set; }

    [SupplyParameterFromQuery(Name = "owner")] private Guid? OwnerId { get; set; }

    [SupplyParameterFromQuery(Name = "team")] private Guid? TeamId { get; set; }

    private QualityPageFilters Filters { get; set; } = QualityPageFilters.Default(new DateOnly(2000, 1, 1));

    private DateOnly Today => DateOnly.FromDateTime(Display.Value.ToLocal(Clock.GetUtcNow().UtcDateTime));

    protected override async Task OnInitializedAsync()
    {
        _staff = await Staff.ListVisibleAsync(await CurrentActor.GetAsync());
        _teams = _staff.Where(s => s.TeamId is not null).GroupBy(s => s.TeamId!.Value)
            .Select(g => (g.Key, g.First().TeamName ?? "?")).OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();
        _subscription = new CardChangeSubscription(Notifier, _ => true, _ => InvokeAsync(LoadAsync));
    }

    protected override async Task OnParametersSetAsync()
    {
        Filters = QualityPageFilters.Parse(Today, From, To, OwnerId, TeamId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _loading.WaitAsync();
        try
        {
            var result = await Quality.GetDashboardAsync(await CurrentActor.GetAsync(), Filters.ToFilter(Display.Value.Zone, Today));
            _errors = result.Succeeded ? [] : result.Errors.Count > 0 ? result.Errors.Select(L.Text).ToList() : [L.Message(result) ?? string.Empty];
            _data = result.Value;
            if (_data is { } data)
            {
                var days = data.Trend.Select(t => Day(t.Day)).ToList();
                _trend = new ChartData(days,
                [
                    new ChartSeries(L["Average score"], data.Trend.Select(t => Math.Round((decimal)(t.AverageScore ?? 0), 1)).ToList()),
                    new ChartSeries(L["Cards overdue for verification (%)"], data.Trend.Select(t => t.Cards == 0 ? 0m : Math.Round(100m * t.Overdue / t.Cards, 1)).ToList()),
                ]);
            }

            _loadedAt = Clock.GetUtcNow().UtcDateTime;
        }
        finally
        {
            _loading.Release();
        }

        StateHasChanged();
    }

    private ListScope? TeamScope(QualityGroup group) => group.Key.Length == 0 ? null : Filters.Scope(teamId: Guid.Parse(group.Key));

    private void Change(QualityPageFilters filters) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filters.ToQueryParameters()), replace: true);

    private void ChangePeriod(DateTime? from, DateTime? to) =>
        Change(Filters with { From = from is { } f ? DateOnly.FromDateTime(f) : Filters.From, To = to is { } t ? DateOnly.FromDateTime(t) : Filters.To });

    private static string BandRange(QualityBand band) => band switch
    {
        QualityBand.Good => $"{QualityBands.GoodFrom}–100",
        QualityBand.Fair => $"{QualityBands.FairFrom}–{QualityBands.GoodFrom - 1}",
        _ => $"0–{QualityBands.FairFrom - 1}",
    };

    private static DateTime? ToDateTime(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    internal static string Score(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    internal static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.CurrentCulture) : "—";

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
