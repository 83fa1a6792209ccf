using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Bad input gets problem+json saying what is wrong, and nothing is stored.</summary>
public sealed class ApiValidationTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AnInvalidCard_IsAValidationProblemWithFieldErrors_AndNothingIsStored()
    {
        using var client = await SalesClientAsync();
        var before = await CardCountAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "Invalid Contacts",
            phones = new[] { new { label = "Mobile", value = "12", isPrimary = true } },
            emails = new[] { new { label = "Work", value = "not-an-email", isPrimary = true } },
        }, ApiClient.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("Phones[0]"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("Emails[0]"), problem.ToJsonString());
        Assert.NotNull(problem["codes"]!["Emails[0]"]);
        Assert.Equal(before, await CardCountAsync());
    }

    [Fact]
    public async Task ACardWithACountry_StoresItsPhoneAsThatCountrysNumber_AndReturnsTheCountry()
    {
        using var client = await SalesClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "Api Country Card",
            country = "us",
            phones = new[] { new { label = "Mobile", value = $"(415) 555-{Random.Shared.Next(1000, 9999)}", isPrimary = true } },
        }, ApiClient.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var card = await response.ReadJsonAsync();
        Assert.Equal("US", (string?)card["country"]);
    }

    [Fact]
    public async Task AnUnknownCountry_IsAValidationProblemOnTheCountry_AndNothingIsStored()
    {
        using var client = await SalesClientAsync();
        var before = await CardCountAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "Api Unknown Country",
            country = "Atlantis\u0000",
            phones = new[] { new { label = "Mobile", value = "(415) 555-5938", isPrimary = true } },
        }, ApiClient.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("Country"), problem.ToJsonString());
        Assert.Equal(before, await CardCountAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsA415Problem_NotANotFound_AndNothingIsStored()
    {
        using var client = await SalesClientAsync();
        var before = await CardCountAsync();

        using var text = await client.PostAsync("/api/v1/cards", new StringContent("name=Form Posted", Encoding.UTF8, "application/x-www-form-urlencoded"));
        using var unknown = await client.PostAsync("/api/v1/no-such-thing", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", (string)problem["detail"]!, StringComparison.Ordinal);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await CardCountAsync());
    }

    [Fact]
    public async Task MalformedJson_IsA400Problem_AndNothingIsStored()
    {
        using var client = await SalesClientAsync();
        var before = await CardCountAsync();
        using var body = new StringContent("{ \"kind\": \"Individual\", \"name\": ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/cards", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(before, await CardCountAsync());
    }

    [Fact]
    public async Task AnUnknownEnumValueInTheBody_IsA400Problem()
    {
        using var client = await SalesClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/cards", new { kind = "Robot", name = "Unknown Kind" }, ApiClient.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.kind", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/cards?page=0", "page")]
    [InlineData("/api/v1/cards?pageSize=1000", "pageSize")]
    public async Task PagingOutOfRange_IsA400ProblemNamingTheValue(string url, string field)
    {
        using var client = await SalesClientAsync();

        using var response = await client.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
    }

    [Theory]
    [InlineData("/api/v1/cards?stage=Sleeping")]
    [InlineData("/api/v1/cards?page=first")]
    public async Task AQueryValueOfTheWrongKind_IsA400Problem(string url)
    {
        using var client = await SalesClientAsync();

        using var response = await client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnInteractionInTheFuture_IsRefusedWithItsField()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Future Call");
        using var client = await SalesClientAsync();

        using var response = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/interactions",
            new { kind = "Call", occurredAt = DateTimeOffset.UtcNow.AddDays(3), summary = "Planned" }, ApiClient.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("OccurredAt"));
        Assert.Empty((await factory.CardAsync(rep, card.Id)).Interactions);
    }

    [Theory]
    [InlineData("-1200")]
    [InlineData("0")]
    public async Task APurchaseOfNoneOrANegativeAmount_IsRefusedWithTheAmountField_AndNothingIsStored(string amount)
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, $"Amount {amount}");
        using var client = await SalesClientAsync();

        using var response = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/purchases",
            new { product = "Printer", purchasedOn = DateOnly.FromDateTime(DateTime.UtcNow), amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency = "CNY" },
            ApiClient.Json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("purchase.amount", (string)problem["codes"]!["Amount"]![0]!);
        var saved = await factory.CardAsync(rep, card.Id);
        Assert.Empty(saved.Purchases!);
        Assert.Null(saved.Tier);
    }

    private async Task<HttpClient> SalesClientAsync()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        return factory.CreateApiClient(await factory.CreateKeyAsync("Validation checks", Role.Sales, teamOf: rep));
    }

    private async Task<int> CardCountAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Cards.CountAsync();
    }
}
