using Dashboard.Domain.Audit;

namespace Dashboard.Tests.Domain;

public sealed class AuditDiffTests
{
    [Fact]
    public void Diff_ListsOnlyFieldsThatChanged_WithBeforeAndAfter()
    {
        var before = new Dictionary<string, string?> { ["Name"] = "王小明", ["Title"] = "Buyer", ["Address"] = null };
        var after = new Dictionary<string, string?> { ["Name"] = "王小明", ["Title"] = "Head buyer", ["Address"] = "上海市", ["Region"] = "East China" };

        var changes = AuditEntry.Diff(before, after);

        Assert.Equal(
            [new FieldChange("Title", "Buyer", "Head buyer"), new FieldChange("Address", null, "上海市"), new FieldChange("Region", null, "East China")],
            changes);
    }

    [Fact]
    public void Entry_KeepsItsChangesThroughSerialisation()
    {
        var entry = new AuditEntry(DateTime.UtcNow, Guid.NewGuid(), "Zhang Wei", "card.updated", "CustomerCard", "C-000001", "Updated Title", [new FieldChange("Title", "Buyer", "Head buyer")]);

        Assert.Equal([new FieldChange("Title", "Buyer", "Head buyer")], entry.Changes);
    }
}
