using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class CardDraftMergeTests
{
    private static CardDraft Opened() => new()
    {
        Name = "王小明",
        Title = "Buyer",
        RegionId = 1,
        TagIds = [1, 2],
        Phones = [new ContactPointDraft { Label = "Mobile", Value = "+86 138 1234 5678", IsPrimary = true }],
        CustomFields = new Dictionary<int, string?> { [7] = "red" },
    };

    [Fact]
    public void ChangesToDifferentFields_AreCombinedWithoutAConflict()
    {
        var mine = Opened();
        mine.Title = "Head buyer";
        var theirs = Opened();
        theirs.RegionId = 2;
        theirs.TagIds = [2, 3];

        var merge = CardDraftMerge.Compare(Opened(), mine, theirs);

        Assert.Empty(merge.Conflicts);
        Assert.Equal(("Head buyer", 2, "2,3"), (merge.Merged.Title, merge.Merged.RegionId!.Value, string.Join(",", merge.Merged.TagIds)));
    }

    [Fact]
    public void TheSameFieldChangedDifferently_IsAConflict_ResolvedBySide()
    {
        var mine = Opened();
        mine.Title = "Head buyer";
        mine.CustomFields[7] = "blue";
        mine.Phones[0].Value = "+86 139 0000 0000";
        var theirs = Opened();
        theirs.Title = "Purchasing manager";
        theirs.CustomFields[7] = "green";
        theirs.Phones[0].Value = "+86 137 0000 0000";
        theirs.Name = "王晓明";

        var merge = CardDraftMerge.Compare(Opened(), mine, theirs);

        Assert.Equal(["Title", "Phones", "CustomFields[7]"], merge.Conflicts.Select(c => c.Key));
        Assert.Equal("Purchasing manager", CardDraftMerge.ValueOf(merge.Conflicts[0], merge.Theirs));
        var resolved = merge.Resolve(new HashSet<string> { "Title", "CustomFields[7]" });
        Assert.Equal(("Head buyer", "blue", "+86 137 0000 0000", "王晓明"), (resolved.Title, resolved.CustomFields[7], resolved.Phones[0].Value, resolved.Name));
    }

    [Fact]
    public void BothMakingTheSameChange_IsNoConflict()
    {
        var mine = Opened();
        mine.Title = "Head buyer";
        var theirs = Opened();
        theirs.Title = " Head buyer ";

        Assert.Empty(CardDraftMerge.Compare(Opened(), mine, theirs).Conflicts);
    }
}
