using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Import;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Review;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Review;

/// <summary>
/// Every path that can change a sensitive value goes through the one review gate: with the queue on, a Sales user's
/// phone change waits for a team lead whether it comes by the edit form, a verification marked Corrected, or the API.
/// The probe changed a phone at once through <c>POST /api/v1/cards/{id}/verifications</c>.
/// </summary>
public sealed class ReviewGatePathTests : ServiceTest
{
    private const string OldPhone = "+8613812345678";
    private const string NewPhone = "+8613987654321";

    /// <summary>The members of a card that may change its contact points or manual tier, each demanding the gate's clearance.</summary>
    private static readonly string[] GatedMembers = ["UpdateDetails", "SetTier"];

    /// <summary>Every other non-private method of a card and a contact point, with why it needs no clearance.</summary>
    private static readonly Dictionary<string, string> UngatedMembers = new()
    {
        ["CustomerCard.Create"] = "a new card: held as a whole (PendingChangeKind.NewCard) by ReviewGate.HoldNewCardAsync",
        ["CustomerCard.MoveToStage"] = "the stage is not a sensitive value",
        ["CustomerCard.ClearTierOverride"] = "returns to the computed tier, removing a manual one",
        ["CustomerCard.ApplyTierAssessment"] = "the computed tier, from purchases",
        ["CustomerCard.LogInteraction"] = "no contact point or tier",
        ["CustomerCard.RecordPurchase"] = "the computed tier follows from it",
        ["CustomerCard.AddRemark"] = "no contact point or tier",
        ["CustomerCard.EditRemark"] = "no contact point or tier",
        ["CustomerCard.ApplyQuality"] = "derived scores",
        ["CustomerCard.MarkVerified"] = "dates of confirmation, no values",
        ["CustomerCard.Snapshot"] = "reads",
        ["CustomerCard.TakeOver"] = "merge: moves history (interactions, purchases, remarks); the survivor's contacts go through UpdateDetails",
        ["CustomerCard.GiveBack"] = "merge undo: gives the history back",
        ["CustomerCard.MarkMerged"] = "merge bookkeeping",
        ["CustomerCard.Unmerge"] = "merge bookkeeping",
        ["CustomerCard.RestoreSections"] = "merge undo by a checker (team lead of both cards or Admin): puts back what the merge journal kept from before a checker's merge",
        ["CustomerCard.MarkMatchKeys"] = "duplicate blocking bookkeeping",
        ["CustomerCard.TakeEvents"] = "hands the card's events to the dispatcher",
        ["CustomerCard.ReturnEvents"] = "gives the events of a failed save back",
        ["ContactPoint.Update"] = "called only by CustomerCard's private ApplyContactPoints, under UpdateDetails",
        ["ContactPoint.MarkVerified"] = "a date of confirmation",
        ["ContactPoint.RestoreVerified"] = "a date of confirmation",
        ["ContactPoint.Restore"] = "merge undo: rebuilds a contact point for CustomerCard.RestoreSections",
        ["ContactPoint.LookupOf"] = "a pure function",
    };

    private ReviewService Review => App.Services.GetRequiredService<ReviewService>();

    [Fact]
    public void EveryMemberThatCanChangeContactPointsOrAManualTier_DemandsTheGatesClearance()
    {
        var members = new[] { typeof(CustomerCard), typeof(ContactPoint) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsPrivate && !m.IsSpecialName && m.DeclaringType == t && !m.Name.Contains('<', StringComparison.Ordinal)
                    && m.Name is not ("Equals" or "GetHashCode" or "ToString"))
                .Select(m => (Name: $"{t.Name}.{m.Name}", Method: m)))
            .ToList();

        var unknown = members.Where(m => !GatedMembers.Contains(m.Method.Name) || m.Method.DeclaringType != typeof(CustomerCard))
            .Where(m => !UngatedMembers.ContainsKey(m.Name)).Select(m => m.Name).Distinct().ToList();
        var ungated = members.Where(m => GatedMembers.Contains(m.Method.Name) && m.Method.DeclaringType == typeof(CustomerCard))
            .Where(m => !m.Method.GetParameters().Any(p => p.ParameterType == typeof(ReviewGate.Clearance))).Select(m => m.Name).ToList();

        Assert.True(unknown.Count == 0, "Say whether these can change a contact point or a manual tier (then they take ReviewGate.Clearance): " + string.Join(", ", unknown));
        Assert.Empty(ungated);
    }

    [Fact]
    public async Task AVerificationMarkedCorrected_HoldsTheNewPhoneForATeamLead_LikeAnEdit()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        var details = await App.GetCardAsync(SalesEast, card);

        var result = await App.Services.GetRequiredService<VerificationService>().VerifyAsync(SalesEast, card, details.DetailsVersion,
            [VerificationItem.ForContact(details.Phones[0].Id, VerificationOutcome.Corrected, VerificationMethod.Phone, "139 8765 4321")]);

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var after = await App.GetCardAsync(SalesEast, card);
        Assert.Equal(OldPhone, Plain(after.Phones.Single().Display));
        Assert.Null(after.Phones.Single().LastVerifiedOn);
        var pending = Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));
        Assert.Equal(NewPhone, Assert.Single(pending.Added).Value);

        Assert.True((await Review.ApproveAsync(Actors.TeamLeadEast, pending.Id)).Succeeded);
        Assert.Equal(NewPhone, Plain((await App.GetCardAsync(SalesEast, card)).Phones.Single().Display));
    }

    [Fact]
    public async Task AVerificationByATeamLead_CorrectsThePhoneAtOnce()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        var details = await App.GetCardAsync(Actors.TeamLeadEast, card);

        var result = await App.Services.GetRequiredService<VerificationService>().VerifyAsync(Actors.TeamLeadEast, card, details.DetailsVersion,
            [VerificationItem.ForContact(details.Phones[0].Id, VerificationOutcome.Corrected, VerificationMethod.Phone, NewPhone)]);

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        Assert.Equal(NewPhone, Plain((await App.GetCardAsync(SalesEast, card)).Phones.Single().Display));
        Assert.Empty(await Review.ListPendingAsync(Actors.TeamLeadEast));
    }

    [Fact]
    public async Task ThePathsThatApplyContactPointsWithoutAsking_AreClosedToMakers()
    {
        // Import updates and merges apply contact points for checkers only; a Sales user cannot take either path.
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        using var file = new MemoryStream("Name,Phone\n王小明,13987654321\n"u8.ToArray());
        var imported = await App.Services.GetRequiredService<ImportWorkflow>().ImportFileAsync(SalesEast, file, "update.csv", new ImportRequest { DuplicateMode = DuplicateMode.Update });
        var other = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone(NewPhone, "Mobile", primary: true));
        var merged = await App.Services.GetRequiredService<MergeService>().MergeAsync(SalesEast, new MergeRequest { SurvivorId = card, OtherId = other.Id });

        Assert.Equal(CommandStatus.Forbidden, imported.Status);
        Assert.Equal(CommandStatus.Forbidden, merged.Status);
        Assert.Equal(OldPhone, Plain((await App.GetCardAsync(SalesEast, card)).Phones.Single().Display));
    }

    [Fact]
    public async Task AnAdmin_NoLongerSeesOrDecidesTheQueue_TeamLeadsDo()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        Assert.True((await App.EditAsync(SalesEast, card, d => d.Phones[0].Value = NewPhone)).Succeeded);
        var pending = Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));

        Assert.Empty(await Review.ListPendingAsync(Actors.Admin));
        Assert.Equal(0, await Review.CountPendingAsync(Actors.Admin));
        Assert.Equal(CommandStatus.Forbidden, (await Review.ApproveAsync(Actors.Admin, pending.Id)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Review.RejectAsync(Actors.Admin, pending.Id, "no")).Status);
        Assert.True((await Review.ApproveAsync(Actors.TeamLeadEast, pending.Id)).Succeeded);
    }

    [Fact]
    public async Task AManualTierByASalesUser_IsHeld_AndTheCardsTierCannotBeSetWithoutAClearance()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();

        Assert.True((await App.Cards.SetTierAsync(SalesEast, card, (await App.GetCardAsync(SalesEast, card)).Version, CustomerTier.A, "大客户")).Succeeded);

        Assert.Null((await App.GetCardAsync(SalesEast, card)).Tier);
        var entity = CustomerCardFor(card);
        var otherCardsClearance = ReviewGate.GeneratedHistory(CustomerCardFor(Guid.NewGuid()), CustomerTier.A);
        Assert.Throws<InvalidOperationException>(() => entity.SetTier(CustomerTier.A, "x", otherCardsClearance, Guid.Empty, DateTime.UtcNow));
        Assert.Throws<InvalidOperationException>(() => entity.SetTier(CustomerTier.VIP, "x", ReviewGate.GeneratedHistory(entity, CustomerTier.A), Guid.Empty, DateTime.UtcNow));
    }

    private static CustomerCard CustomerCardFor(Guid id)
    {
        var (values, errors) = CardDraftValidator.Validate(CardDraftBuilder.Individual("测试").Build(), new ValidationContextBuilder().Build());
        Assert.Empty(errors);
        return CustomerCard.Create(id, 1, values!, Dashboard.Domain.Lifecycle.LifecycleStage.Prospect, Guid.Empty, DateTime.UtcNow);
    }

    private static string Plain(string display) => display.Replace(" ", string.Empty, StringComparison.Ordinal);

    private async Task SwitchOnAsync() => Assert.True((await Review.SetEnabledAsync(Actors.Admin, true)).Succeeded);

    private async Task<Guid> CreateSalesCardAsync() =>
        (await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone(OldPhone, "Mobile", primary: true))).Id;
}

/// <summary>The probe's own path: the API, with a Sales key, under the review queue.</summary>
public sealed class ReviewGateApiTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task ASalesKey_CorrectingAPhoneThroughVerifications_GetsItHeld_NotApplied()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var admin = await factory.Services.ActorAsync("demo-admin");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Verifier under review", Role.Sales, teamOf: rep));
        using var created = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "Held Harry",
            phones = new[] { new { label = "Mobile", value = "13955556666", isPrimary = true } },
        }, ApiClient.Json);
        var card = await created.ReadJsonAsync();
        Assert.True((await factory.Services.GetRequiredService<ReviewService>().SetEnabledAsync(admin, true)).Succeeded);
        try
        {
            var body = new { items = new[] { new { contactPointId = (string)card["phones"]![0]!["id"]!, outcome = "Corrected", method = "Phone", newValue = "13977778888" } } };

            using var verified = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card["id"]}/verifications", body, ifMatch: created.Headers.ETag!.Tag);

            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            var stored = await factory.CardAsync(rep, Guid.Parse((string)card["id"]!));
            Assert.Equal("+8613955556666", stored.Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
            var lead = await factory.Services.ActorAsync("demo-teamlead");
            var pending = Assert.Single(await factory.Services.GetRequiredService<ReviewService>().ListForCardAsync(lead, stored.Id), p => p.Kind == PendingChangeKind.ContactPoints);
            Assert.Equal("+8613977778888", Assert.Single(pending.Added).Value);
        }
        finally
        {
            await factory.Services.GetRequiredService<ReviewService>().SetEnabledAsync(admin, false);
        }
    }
}
