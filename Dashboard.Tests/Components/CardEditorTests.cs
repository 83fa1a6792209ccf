using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>
/// Two people editing one card: the second save is refused, shows the other person's values beside
/// the user's field by field, keeps every change that does not collide, and saves what the user chooses.
/// </summary>
public sealed class CardEditorTests : ComponentTest
{
    private CustomerCardQueries Queries => Context.Services.GetRequiredService<CustomerCardQueries>();

    private CustomerCardService Cards => Context.Services.GetRequiredService<CustomerCardService>();

    [Fact]
    public async Task SavingAfterSomeoneElseChangedTheSameField_ShowsBothValues_AndNothingIsOverwrittenUntilTheUserChooses()
    {
        var (cut, card) = await OpenEditorThenSomeoneSavesAsync(theirs => theirs.Title = "Purchasing manager");

        cut.Find("#card-title").Change("Head buyer");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Head buyer", cut.Find("[data-testid='mine-Title']").TextContent.Trim()));
        Assert.Equal("Purchasing manager", cut.Find("[data-testid='theirs-Title']").TextContent.Trim());
        Assert.True(cut.Find("[data-testid=conflict-save]").HasAttribute("disabled"));
        Assert.Equal("Purchasing manager", (await Queries.GetAsync(await SignedInActorAsync(), card)).Value!.Title);
    }

    [Theory]
    [InlineData(0, "Head buyer")]
    [InlineData(1, "Purchasing manager")]
    public async Task ChoosingASide_SavesThatValue_AndKeepsTheOtherPersonsChangeToAnotherField(int choice, string expectedTitle)
    {
        var (cut, card) = await OpenEditorThenSomeoneSavesAsync(theirs =>
        {
            theirs.Title = "Purchasing manager";
            theirs.Address = "上海市浦东新区世纪大道 100 号";
        });
        cut.Find("#card-title").Change("Head buyer");
        cut.Find("#card-company").Change("上海星辰贸易有限公司");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => cut.Find("[data-testid=conflict-table]"));

        // Only the title collides; the company (mine) and the address (theirs) are merged already.
        Assert.Single(cut.FindAll("[data-testid=conflict-table] tbody tr"));
        cut.FindAll("[data-testid='choose-Title'] input[type=radio]")[choice].Click();
        await cut.Find("[data-testid=conflict-save]").ClickAsync(new());

        var saved = (await Queries.GetAsync(await SignedInActorAsync(), card)).Value!;
        Assert.Equal((expectedTitle, "上海星辰贸易有限公司", "上海市浦东新区世纪大道 100 号"), (saved.Title, saved.Company, saved.Address));
    }

    [Fact]
    public async Task UnderTheReviewQueue_AHeldPhoneChange_IsReportedAsAwaitingApproval_NotAsSaved()
    {
        var admin = await Context.Services.ActorAsync("demo-admin");
        var me = await SignedInActorAsync();
        var card = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true));
        Assert.True((await Context.Services.GetRequiredService<Dashboard.Domain.Review.ReviewService>().SetEnabledAsync(admin, true)).Succeeded);
        var opened = (await Queries.GetAsync(me, card.Id)).Value!;
        var snackbar = Context.Render<MudBlazor.MudSnackbarProvider>();
        var cut = RenderInLayout<CardEditor>(p => p.Add(e => e.Card, opened));

        var phone = cut.Find($"input[id='{CardDraft.PhoneField(0)}']");
        phone.Change("139 8765 4321");
        phone.Blur();
        await cut.Find("form").SubmitAsync();

        snackbar.WaitForAssertion(() => Assert.Contains("await a team lead's approval", snackbar.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Changes saved.", snackbar.Markup, StringComparison.Ordinal);
        var pending = await Context.Services.GetRequiredService<Dashboard.Domain.Review.ReviewService>().ListForCardAsync(me, card.Id);
        var held = Assert.Single(pending);
        Assert.Contains(held.Added, a => a.Value == "+8613987654321");
    }

    private async Task<(IRenderedComponent<CardEditor> Cut, Guid CardId)> OpenEditorThenSomeoneSavesAsync(Action<CardDraft> theirChange)
    {
        var me = await SignedInActorAsync();
        var card = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明"));
        var opened = (await Queries.GetAsync(me, card.Id)).Value!;
        var cut = RenderInLayout<CardEditor>(p => p.Add(e => e.Card, opened));

        var theirs = opened.ToDraft();
        theirChange(theirs);
        Assert.True((await Cards.UpdateAsync(me, card.Id, opened.DetailsVersion, theirs)).Succeeded);
        return (cut, card.Id);
    }
}
