using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Persistence;

public sealed class PurchaseAmountMinorTests : ServiceTest
{
    [Fact]
    public async Task RecordedPurchase_KeepsAnIntegerCopyInHundredths()
    {
        var card = await App.CreateCardAsync(SalesEast);

        await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft { Product = "Printer", PurchasedOn = App.Clock.Today, Amount = 1234.56m });

        await using var db = App.Database.CreateContext();
        Assert.Equal(123456L, await db.Purchases.Select(p => p.AmountMinor).SingleAsync());
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("1000000000000.01")]
    public async Task AmountWithMoreThanTwoDecimalsOrTooLarge_IsRefused(string amount)
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft
        {
            Product = "Printer",
            PurchasedOn = App.Clock.Today,
            Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(["purchase.amount-format"], result.Errors.Select(e => e.Code));
        await using var db = App.Database.CreateContext();
        Assert.Empty(db.Purchases);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1200")]
    public async Task AnAmountOfZeroOrLess_IsRefused_AndTheCardGetsNoTier(string amount)
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft
        {
            Product = "Printer",
            PurchasedOn = App.Clock.Today,
            Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
        });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Amount", "purchase.amount"), (error.Field, error.Code));
        Assert.Equal(error, Purchase.CheckAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
        var saved = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Empty(saved.Purchases!);
        Assert.Null(saved.Tier);
    }

    [Fact]
    public async Task Migration_FillsTheIntegerCopyForPurchasesRecordedBeforeIt()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft { Product = "Printer", PurchasedOn = App.Clock.Today, Amount = 99.95m });
        await using var db = App.Database.CreateContext();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync("CardDetailsVersion");
        await migrator.MigrateAsync();

        Assert.Equal(9995L, await db.Purchases.Select(p => p.AmountMinor).SingleAsync());
    }
}
