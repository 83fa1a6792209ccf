using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Quality;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// A card's quality score with its breakdown: each dimension, each failing rule naming its field, when the next
/// verification is due, and the latest verifications. Reloads when the card changes.
/// </summary>
public sealed partial class QualityPanel
{
    private CardQualityExplanation? _explanation;
    private (Guid Id, int Version)? _loadedFor;

    [Inject]
    private QualityQueries Quality { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IOptions<DisplayOptions> Display { get; set; } = default!;

    [Parameter, EditorRequired]
    public CardDetails Card { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != (Card.Id, Card.Version))
        {
            _loadedFor = (Card.Id, Card.Version);
            var today = DateOnly.FromDateTime(Display.Value.ToLocal(Clock.GetUtcNow().UtcDateTime));
            _explanation = (await Quality.ExplainAsync(await CurrentActor.GetAsync(), Card.Id, today)).Value;
        }
    }

    private string Summary(CardQualityExplanation e)
    {
        if (e.Score is null || e.Band is not { } band)
        {
            return L["Not scored yet: the score is computed when the card is saved and every night."];
        }

        var asOf = e.AsOf is { } at ? Display.Value.ToLocal(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        return e.Breakdown.Findings.Count == 0
            ? string.Format(CultureInfo.CurrentCulture, L["{0}: every quality rule is met (as of {1})."], QualityText.Band(L, band), asOf)
            : string.Format(CultureInfo.CurrentCulture, L["{0}: {1} rules failing (as of {2})."], QualityText.Band(L, band), e.Breakdown.Findings.Count, asOf);
    }
}
