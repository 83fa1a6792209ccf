using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// Issue 14: a card whose stored phone is another country's number than the card's country is counted with the invalid
/// values on the quality page, and the count opens a list of exactly those cards.
/// </summary>
public sealed class ForeignPhoneQualityTests : QualityTest
{
    [Fact]
    public async Task CardWithAPhoneOfAnotherCountry_IsCountedAsInvalidValue_AndListedByTheDrillDown()
    {
        var foreign = await App.CreateCardAsync(SalesEast, (await CompleteAsync("Ann Lee", "+1 415 555 5938")).InCountry("CN"));
        var american = await App.CreateCardAsync(SalesEast, (await CompleteAsync("Bob Lee", "(415) 555-5939")).InCountry("US"));
        var unknown = await App.CreateCardAsync(SalesEast, await CompleteAsync("Cy Lee", "+1 415 555 5940"));

        Assert.Equal(QualityRule.InvalidValue, (await StoredAsync(foreign.Id)).Failures & QualityRule.InvalidValue);
        Assert.Equal(QualityRule.None, (await StoredAsync(american.Id)).Failures & QualityRule.InvalidValue);
        Assert.Equal(QualityRule.None, (await StoredAsync(unknown.Id)).Failures & QualityRule.InvalidValue);
        var filter = new QualityPageFilter
        {
            Period = new ReportingPeriod(App.Clock.Today.AddDays(-89), App.Clock.Today, TimeZoneInfo.Utc),
            Today = App.Clock.Today,
        };
        var page = (await QualityQueries.GetDashboardAsync(Actors.SalesManager, filter)).Value!;
        Assert.Equal(1, page.Overall.InvalidValues);
        var listed = await App.Queries.ListAsync(Actors.SalesManager, new CardListQuery { FailingRule = QualityRule.InvalidValue });
        Assert.Equal(foreign.Id, Assert.Single(listed.Items).Id);
    }
}
