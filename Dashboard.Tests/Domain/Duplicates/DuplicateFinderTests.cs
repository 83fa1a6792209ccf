using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Duplicates;

/// <summary>The live warning finds existing cards like the one being typed, and only cards the typist may see.</summary>
public sealed class DuplicateFinderTests : ServiceTest
{
    private DuplicateFinder Finder => App.Services.GetRequiredService<DuplicateFinder>();

    [Fact]
    public async Task TypingTheSamePhoneInAnotherFormat_FindsTheExistingCard_WithTheReasons()
    {
        var existing = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678"));

        var similar = await Finder.FindSimilarAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("王晓明").WithPhone("+86 138-1234-5678").Build());

        var match = Assert.Single(similar);
        Assert.Equal(existing.Code, match.Code);
        Assert.True(match.Reasons.HasFlag(MatchReasons.SamePhone));
        Assert.True(match.Reasons.HasFlag(MatchReasons.SimilarName), match.Reasons.ToString());
    }

    [Fact]
    public async Task FullWidthAndCaseDifferences_StillMatchByEmailAndName()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Emily Carter").WithEmail("emily.carter@example.com"));

        var similar = await Finder.FindSimilarAsync(SalesEast, CardDraftBuilder.Individual("ＥＭＩＬＹ  carter").WithEmail("Emily.Carter@Example.COM").Build());

        Assert.Single(similar);
    }

    [Fact]
    public async Task ACardOfAnotherTeam_IsNotShown()
    {
        await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("李雷").WithPhone("139 8765 4321").OwnedBy(Actors.SalesWest));

        var similar = await Finder.FindSimilarAsync(SalesEast, CardDraftBuilder.Individual("李雷").WithPhone("139 8765 4321").Build());

        Assert.Empty(similar);
    }

    [Fact]
    public async Task BatchScan_PutsTheNearDuplicateInTheQueue_AndADismissedPairStaysDismissed()
    {
        var a = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("张伟").WithPhone("138 0000 1111"));
        var b = await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("張偉").WithPhone("13800001111").OwnedBy(Actors.SalesEastColleague));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("赵敏").WithPhone("137 2222 3333"));
        var scanner = App.Services.GetRequiredService<DuplicateScanner>();
        var queue = App.Services.GetRequiredService<DuplicateQueue>();

        await scanner.ScanAsync();
        var open = await queue.ListAsync(Actors.TeamLeadEast, DuplicateStatus.Open, 0, 50);

        var pair = Assert.Single(open.Items);
        Assert.Equal((a.Id, b.Id), (pair.A.Id, pair.B.Id));
        Assert.True(await queue.HasOpenSuspicionAsync(a.Id));
        Assert.True((await queue.DismissAsync(Actors.TeamLeadEast, pair.Id)).Succeeded);
        await scanner.ScanAsync();
        Assert.Empty((await queue.ListAsync(Actors.TeamLeadEast, DuplicateStatus.Open, 0, 50)).Items);
        Assert.False(await queue.HasOpenSuspicionAsync(a.Id));
    }

    [Fact]
    public async Task BatchScan_OfCardsWithNothingInCommon_FindsNothing_AndSucceeds()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("赵敏").WithPhone("137 2222 3333"));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Oliver Brown").WithEmail("oliver.brown@example.com"));

        var report = await App.Services.GetRequiredService<DuplicateScanner>().ScanAsync();

        Assert.Equal(0, report.PairsCompared);
        Assert.Equal(0, report.Candidates);
    }
}
