using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>A test dashboard with the quality services, and helpers to build cards of known quality.</summary>
public abstract class QualityTest : ServiceTest
{
    protected QualityService Quality { get; private set; } = null!;

    protected QualityQueries QualityQueries => App.Services.GetRequiredService<QualityQueries>();

    protected VerificationService Verifications => App.Services.GetRequiredService<VerificationService>();

    protected QualitySnapshots Snapshots => App.Services.GetRequiredService<QualitySnapshots>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // Small batches, so that runs over all cards cross batch boundaries.
        Quality = new QualityService(App.Database.Factory, App.Clock, NullLogger<QualityService>.Instance) { BatchSize = 2 };
    }

    public override async Task DisposeAsync()
    {
        Quality?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// An individual with everything the default rules ask for: name, phone, e-mail, industry, region and source; owned
    /// by <paramref name="owner"/> (default Zhang Wei, Sales, East).
    /// </summary>
    protected async Task<CardDraftBuilder> CompleteAsync(string name = "王小明", string phone = "13812345678", string? email = null, Actor? owner = null) =>
        CardDraftBuilder.Individual(name)
            .WithPhone(phone, "Mobile")
            .WithEmail(email ?? $"{Guid.NewGuid():N}@example.com", "Work")
            .InIndustry(await App.ListItemIdAsync(ListKind.Industry, "Manufacturing"))
            .InRegion(await App.ListItemIdAsync(ListKind.Region, "East China"))
            .FromSource(await App.ListItemIdAsync(ListKind.SourceChannel, "Referral"))
            .OwnedBy(owner ?? SalesEast);

    /// <summary>What the card stores about its quality.</summary>
    protected async Task<(int? Score, QualityBand? Band, QualityRule Failures, DateOnly? DueOn, int Version)> StoredAsync(Guid cardId)
    {
        await using var db = App.Database.CreateContext();
        var card = await db.Cards.AsNoTracking().SingleAsync(c => c.Id == cardId);
        return (card.QualityScore, card.QualityBand, card.QualityFailures, card.VerificationDueOn, card.Version);
    }

    protected async Task<CardQualityExplanation> ExplainAsync(Guid cardId, Actor? actor = null)
    {
        var result = await QualityQueries.ExplainAsync(actor ?? SalesEast, cardId, App.Clock.Today);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    /// <summary>Verifies as <paramref name="actor"/> against the card's current details version.</summary>
    protected async Task<CommandResult<int>> VerifyAsync(Actor actor, Guid cardId, params VerificationItem[] items)
    {
        var details = await CardAsync(cardId);
        App.Clock.Tick();
        return await Verifications.VerifyAsync(actor, cardId, details.DetailsVersion, items);
    }

    protected async Task<CardDetails> CardAsync(Guid cardId) => await App.GetCardAsync(Actors.SalesManager, cardId);

    protected static VerificationItem Field(QualityFields field, VerificationOutcome outcome, string? newValue = null) =>
        VerificationItem.ForField(field, outcome, VerificationMethod.Phone, newValue);

    protected static VerificationItem Contact(ContactPointView point, VerificationOutcome outcome, string? newValue = null) =>
        VerificationItem.ForContact(point.Id, outcome, VerificationMethod.Phone, newValue);

    protected async Task<QualityRecomputeReport> RecomputeAsync()
    {
        var result = await Quality.RecomputeAllAsync(Actors.Admin);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }
}
