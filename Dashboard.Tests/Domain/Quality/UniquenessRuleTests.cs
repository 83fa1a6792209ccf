using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// The uniqueness rule reads the duplicate queue: a card in an open suspicion fails it. A scan or a decision does not
/// save the cards, so the catch-up (every few minutes) rescores them; saving such a card rescores it at once.
/// </summary>
public sealed class UniquenessRuleTests : QualityTest
{
    [Fact]
    public async Task AnOpenSuspicion_FailsUniqueness_UntilItIsDismissed()
    {
        var a = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("张伟").WithPhone("138 0000 1111"));
        var b = await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("張偉").WithPhone("13800001111").OwnedBy(Actors.SalesEastColleague));
        var other = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("赵敏").WithPhone("137 2222 3333"));
        var before = (await StoredAsync(a.Id)).Score!.Value;
        var queue = App.Services.GetRequiredService<DuplicateQueue>();
        await App.Services.GetRequiredService<DuplicateScanner>().ScanAsync();

        Assert.Equal(2, await Quality.CatchUpAsync());
        Assert.Equal(QualityRule.SuspectedDuplicate, (await StoredAsync(a.Id)).Failures & QualityRule.SuspectedDuplicate);
        Assert.Equal(QualityRule.SuspectedDuplicate, (await StoredAsync(b.Id)).Failures & QualityRule.SuspectedDuplicate);
        Assert.Equal(QualityRule.None, (await StoredAsync(other.Id)).Failures & QualityRule.SuspectedDuplicate);
        Assert.Equal(before - 10, (await StoredAsync(a.Id)).Score);
        Assert.Equal(0, await Quality.CatchUpAsync());

        var pair = Assert.Single((await queue.ListAsync(Actors.TeamLeadEast, DuplicateStatus.Open, 0, 10)).Items);
        Assert.True((await queue.DismissAsync(Actors.TeamLeadEast, pair.Id)).Succeeded);
        await Quality.CatchUpAsync();

        Assert.Equal((before, QualityRule.None), ((await StoredAsync(a.Id)).Score!.Value, (await StoredAsync(a.Id)).Failures & QualityRule.SuspectedDuplicate));
    }

    [Fact]
    public async Task SavingACardInAnOpenSuspicion_ScoresItAtOnce()
    {
        var a = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("张伟").WithPhone("138 0000 1111"));
        await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("張偉").WithPhone("13800001111").OwnedBy(Actors.SalesEastColleague));
        await App.Services.GetRequiredService<DuplicateScanner>().ScanAsync();

        Assert.True((await App.EditAsync(SalesEast, a.Id, d => d.Title = "经理")).Succeeded);

        Assert.True((await StoredAsync(a.Id)).Failures.HasFlag(QualityRule.SuspectedDuplicate));
    }
}
