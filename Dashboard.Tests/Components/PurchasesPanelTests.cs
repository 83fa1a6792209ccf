using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Customers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components;

/// <summary>
/// Recording a purchase on the card: an amount the service (and so the API) refuses is refused in the form with the
/// same message, never turned into 0.00 and saved; the date starts at today where the user is, in the format its
/// message asks for.
/// </summary>
public sealed class PurchasesPanelTests : ComponentTest
{
    // 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai, the display time zone of these tests.
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 1, 17, 30, 0, TimeSpan.Zero));

    public PurchasesPanelTests() => Context.Services.AddSingleton<TimeProvider>(_clock);

    private CustomerCardQueries Queries => Context.Services.GetRequiredService<CustomerCardQueries>();

    private static string AmountMessage => Purchase.CheckAmount(-1200m)!.Message;

    [Fact]
    public async Task LeavingTheAmountAtMinus1200_KeepsWhatWasTyped_AndSaysWhyItWillBeRefused()
    {
        var cut = await RenderPanelAsync();

        Leave(cut.Find("#purchase-amount"), "-1200");

        cut.WaitForAssertion(() => Assert.Contains(AmountMessage, ErrorTexts(cut)));
        Assert.Equal("Enter the amount paid (more than zero).", AmountMessage);
        Assert.NotEqual("0.00", cut.Find("#purchase-amount").GetAttribute("value"));
    }

    [Theory]
    [InlineData("-1200")]
    [InlineData("0")]
    public async Task RecordingANegativeOrZeroAmount_SavesNothing_AndShowsTheServicesMessage(string amount)
    {
        var cut = await RenderPanelAsync();
        cut.Find("#purchase-product").Change("Laser printer");
        Leave(cut.Find("#purchase-amount"), amount);

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains(AmountMessage, ErrorTexts(cut)));
        var saved = await SavedCardAsync();
        Assert.Empty(saved.Purchases!);
        Assert.Null(saved.Tier);
        Assert.DoesNotContain(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Purchase recorded.");
    }

    [Fact]
    public async Task TheDate_StartsAtTodayInTheDisplayTimeZone_ShownAsTheFormatItsMessageAsksFor()
    {
        var cut = await RenderPanelAsync();

        var date = cut.Find("#purchase-date");
        Assert.Equal("2026-03-02", date.GetAttribute("value"));
        Assert.Equal("YYYY-MM-DD", date.GetAttribute("placeholder"));
        Assert.NotEqual("date", date.GetAttribute("type"));

        // Cleared, the service asks for the date in the very format the field shows.
        date.Change(string.Empty);
        cut.Find("#purchase-product").Change("Laser printer");
        Leave(cut.Find("#purchase-amount"), "1200");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Enter the purchase date (YYYY-MM-DD).", ErrorTexts(cut)));
    }

    [Fact]
    public async Task APurchaseLeftAtTodaysDate_IsRecordedOnThatDate_AndTheFormStartsAgainAtToday()
    {
        var cut = await RenderPanelAsync();
        cut.Find("#purchase-product").Change("Laser printer");
        Leave(cut.Find("#purchase-amount"), "1200");

        await cut.Find("form").SubmitAsync();

        var saved = await SavedCardAsync();
        var purchase = Assert.Single(saved.Purchases!);
        Assert.Equal((new DateOnly(2026, 3, 2), 1200m), (purchase.PurchasedOn, purchase.Amount));
        cut.WaitForAssertion(() => Assert.Equal("2026-03-02", cut.Find("#purchase-date").GetAttribute("value")));
        Assert.Empty(ErrorTexts(cut));
    }

    private Guid _cardId;

    private async Task<IRenderedComponent<PurchasesPanel>> RenderPanelAsync()
    {
        var me = await SignedInActorAsync();
        _cardId = (await CreateCardAsync(me, CardDraftBuilder.Individual("王小明").OwnedBy(me))).Id;
        var card = (await Queries.GetAsync(me, _cardId)).Value!;
        Assert.True(card.Permissions.CanRecordPurchase);
        return RenderInLayout<PurchasesPanel>(p => p.Add(x => x.Card, card));
    }

    private async Task<CardDetails> SavedCardAsync() => (await Queries.GetAsync(await SignedInActorAsync(), _cardId)).Value!;

    /// <summary>Types a value and leaves the field: the browser fires "change" and then "blur".</summary>
    private static void Leave(AngleSharp.Dom.IElement input, string value)
    {
        input.Change(value);
        input.Blur();
    }

    private static List<string> ErrorTexts(IRenderedComponent<PurchasesPanel> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
}
