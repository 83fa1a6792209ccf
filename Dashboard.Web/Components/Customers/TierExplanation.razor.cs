using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// Explains a card's tier: the computed tier with the figures and thresholds behind it, or who set it by hand
/// and why, with a way back to the computed tier for those who may override it. Reloads when the card changes.
/// </summary>
public sealed partial class TierExplanation
{
    private CardTierExplanation? _explanation;
    private (Guid Id, int Version)? _loadedFor;

    [Inject]
    private TierQueries Tiers { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IOptions<DisplayOptions> Display { get; set; } = default!;

    [Parameter, EditorRequired]
    public CardDetails Card { get; set; } = default!;

    /// <summary>Raised after the tier was returned to the computed one.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != (Card.Id, Card.Version))
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loadedFor = (Card.Id, Card.Version);
        var result = await Tiers.ExplainAsync(await CurrentActor.GetAsync(), Card.Id);
        _explanation = result.Value;
    }

    private string Summary(CardTierExplanation e)
    {
        if (!e.EverComputed)
        {
            return L["The tier has not been computed yet; it will be at the next recompute."];
        }

        if (e.ComputedTier is not { } computed)
        {
            return L["No tier: no purchases recorded yet."];
        }

        if (e.Assessment is not { } a)
        {
            return string.Format(CultureInfo.CurrentCulture, L["Computed tier: {0}."], computed);
        }

        var asOf = a.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = a.Figures.LastPurchaseOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return a.Figures.PurchaseCount switch
        {
            0 => string.Format(CultureInfo.CurrentCulture, L["Computed tier {0}: no purchases in the {1} months to {2}."], computed, a.Rules.WindowMonths, asOf),
            1 => string.Format(CultureInfo.CurrentCulture, L["Computed tier {0}: 1 purchase worth {1} in the {2} months to {3}, on {4}."], computed, Money(a.Figures.MonetaryMinor, e.Currency), a.Rules.WindowMonths, asOf, last),
            var n => string.Format(CultureInfo.CurrentCulture, L["Computed tier {0}: {1} purchases worth {2} in the {3} months to {4}, the last on {5}."], computed, n, Money(a.Figures.MonetaryMinor, e.Currency), a.Rules.WindowMonths, asOf, last),
        };
    }

    /// <summary>An amount in hundredths with its currency; whole amounts (thresholds, mostly) without decimals.</summary>
    private static string Money(long minor, string currency)
    {
        var amount = Purchase.FromMinorUnits(minor);
        return $"{currency} {amount.ToString(minor % 100 == 0 ? "N0" : "N2", CultureInfo.CurrentCulture)}";
    }

    private async Task ReturnToComputedAsync()
    {
        var parameters = new DialogParameters<TierDialog>
        {
            { d => d.Card, Card },
            { d => d.ReturnToComputed, true },
            { d => d.ComputedTier, _explanation?.ComputedTier },
        };
        var dialog = await Dialogs.ShowAsync<TierDialog>(L["Return to computed tier"], parameters);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            await OnChanged.InvokeAsync();
        }
    }
}
