using AngleSharp.Dom;
using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Components.Customers;

namespace Dashboard.Tests.Components;

/// <summary>The card form checks each field as it is left, with the domain's own rules.</summary>
public sealed class CardFormTests : ComponentTest
{
    private const string MalformedPhoneError = "\"12345\" is not a valid phone number for China (CN).";

    [Fact]
    public void LeavingAPhoneFieldWithAMalformedNumber_ShowsWhyItIsInvalid()
    {
        var cut = RenderNewCardForm();

        Leave(cut.Find(PhoneInput(0)), "12345");

        cut.WaitForAssertion(() => Assert.Contains(MalformedPhoneError, HelperTexts(cut)));
    }

    [Fact]
    public void CorrectingTheMalformedPhone_ClearsTheMessage()
    {
        var cut = RenderNewCardForm();
        Leave(cut.Find(PhoneInput(0)), "12345");
        cut.WaitForAssertion(() => Assert.Contains(MalformedPhoneError, HelperTexts(cut)));

        Leave(cut.Find(PhoneInput(0)), "138 1234 5678");

        cut.WaitForAssertion(() => Assert.DoesNotContain(HelperTexts(cut), t => t.Contains("not a valid phone number", StringComparison.Ordinal)));
        Assert.Equal("138 1234 5678", cut.Find(PhoneInput(0)).GetAttribute("value"));
    }

    [Fact]
    public void AMalformedSecondPhone_IsReportedOnThatPhoneOnly()
    {
        var draft = NewDraft();
        draft.Phones.Add(new ContactPointDraft { Label = "Office" });
        var cut = RenderNewCardForm(draft);

        Leave(cut.Find(PhoneInput(0)), "138 1234 5678");
        Leave(cut.Find(PhoneInput(1)), "12345");

        cut.WaitForAssertion(() => Assert.Contains(MalformedPhoneError, HelperTexts(cut)));
        Assert.Single(HelperTexts(cut), t => t.Contains("not a valid phone number", StringComparison.Ordinal));
        Assert.Equal("12345", draft.Phones[1].Value);
    }

    [Fact]
    public void LeavingTheNameEmpty_AsksForTheName()
    {
        var cut = RenderNewCardForm();

        Leave(cut.Find("#card-name"), "王小明");
        Leave(cut.Find("#card-name"), " ");

        cut.WaitForAssertion(() => Assert.Contains("Enter the customer's name.", HelperTexts(cut)));
    }

    [Fact]
    public void AnAmericanNumberOnACardWithoutCountry_IsRefusedNamingChinaAndTheUs()
    {
        var cut = RenderNewCardForm();

        Leave(cut.Find(PhoneInput(0)), "(415) 555-5938");

        cut.WaitForAssertion(() => Assert.Contains(HelperTexts(cut), t => t.Contains("China (CN)", StringComparison.Ordinal) && t.Contains("United States (US)", StringComparison.Ordinal)));
    }

    [Fact]
    public void ChoosingTheCountry_ReadsThePhonesAgain_AndTheAmericanNumberIsAccepted()
    {
        var draft = NewDraft();
        var cut = RenderNewCardForm(draft);
        Leave(cut.Find(PhoneInput(0)), "(415) 555-5938");
        cut.WaitForAssertion(() => Assert.Contains(HelperTexts(cut), t => t.Contains("United States (US)", StringComparison.Ordinal)));

        var country = cut.FindComponent<Dashboard.Web.Components.Shared.CountrySelect>();
        cut.InvokeAsync(() => country.Instance.ValueChanged.InvokeAsync("US"));

        cut.WaitForAssertion(() => Assert.Empty(HelperTexts(cut)));
        Assert.Equal("US", draft.Country);
        Assert.Contains("United States (US)", cut.Find("#card-country").GetAttribute("value") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll(".mud-input-helper-text"), h => h.TextContent.Contains("read as numbers of United States (US)", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCountryField_HasALabelForScreenReaders_AndSaysWhichCountryReadsThePhones()
    {
        var cut = RenderNewCardForm();

        var input = cut.Find("#card-country");
        Assert.NotNull(cut.Find("label[for='card-country']"));
        Assert.Contains(cut.FindAll(".mud-input-helper-text"), h => h.TextContent.Contains("read as numbers of China (CN)", StringComparison.Ordinal));
        Assert.Equal(string.Empty, input.GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public async Task TheTagsField_ShowsTheCardsTagNames_AndKeepsTheirIds()
    {
        var tags = await Context.Services.GetRequiredService<ReferenceDataService>().GetTagsAsync();
        var chosen = tags.Take(2).ToList();
        var draft = NewDraft();
        draft.TagIds = chosen.Select(t => t.Id).ToList();

        var cut = RenderNewCardForm(draft);

        cut.WaitForAssertion(() => Assert.Equal(string.Join(", ", chosen.Select(t => t.Name)), TagsText(cut)));
        Assert.DoesNotMatch("[0-9]", TagsText(cut));
        Assert.Equal(chosen.Select(t => t.Id), draft.TagIds);
    }

    [Fact]
    public async Task ARetiredTagStillOnTheCard_ShowsByName()
    {
        var lists = Context.Services.GetRequiredService<ReferenceDataService>();
        var tag = (await lists.GetTagsAsync())[0];
        var me = await SignedInActorAsync();
        var card = await CreateCardAsync(me, Support.CardDraftBuilder.Individual("王小明").WithTags(tag.Id));
        // No screen retires a tag yet, but the model allows it (as it does for list entries); the card keeps the tag.
        await using (var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            (await db.Tags.SingleAsync(t => t.Id == tag.Id)).SetActive(false);
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain(await lists.GetTagsAsync(), t => t.Id == tag.Id);
        var details = (await Context.Services.GetRequiredService<CustomerCardQueries>().GetAsync(me, card.Id)).Value!;

        var cut = RenderInLayout<CardForm>(p => p.Add(f => f.Draft, details.ToDraft()).Add(f => f.Current, details));

        cut.WaitForAssertion(() => Assert.Equal(tag.Name, TagsText(cut)));
    }

    private static string TagsText(IRenderedComponent<CardForm> cut) =>
        cut.Find("input[data-testid=card-tags]").GetAttribute("value") ?? string.Empty;

    private static CardDraft NewDraft() => new()
    {
        Phones = [new ContactPointDraft { Label = "Mobile", IsPrimary = true }],
        Emails = [new ContactPointDraft { Label = "Work", IsPrimary = true }],
    };

    private IRenderedComponent<CardForm> RenderNewCardForm(CardDraft? draft = null) =>
        RenderInLayout<CardForm>(p => p
            .Add(f => f.Draft, draft ?? NewDraft())
            .Add(f => f.IsNew, true));

    private static string PhoneInput(int index) => $"input[id='{CardDraft.PhoneField(index)}']";

    /// <summary>Types a value and leaves the field: the browser fires "change" and then "blur".</summary>
    private static void Leave(IElement input, string value)
    {
        input.Change(value);
        input.Blur();
    }

    private static List<string> HelperTexts(IRenderedComponent<CardForm> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
}
