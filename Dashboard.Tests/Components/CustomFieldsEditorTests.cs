using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.CustomFields;
using Dashboard.Web.Components.Customers;

namespace Dashboard.Tests.Components;

/// <summary>A custom date field shows and takes dates as YYYY-MM-DD, the format its error message asks for.</summary>
public sealed class CustomFieldsEditorTests : ComponentTest
{
    private static readonly CustomFieldView ContractDate = new(7, "Contract signed", CustomFieldType.Date, false, [], null, 1, true);

    [Fact]
    public void ASavedDate_IsShownAsYyyyMmDd_NotInTheBrowsersFormat()
    {
        var draft = new CardDraft { CustomFields = { [ContractDate.Id] = "2026-03-02" } };

        var cut = RenderInLayout<CustomFieldsEditor>(p => p.Add(e => e.Fields, [ContractDate]).Add(e => e.Draft, draft));

        var input = cut.Find($"input[id='{CardDraft.CustomField(ContractDate.Id)}']");
        Assert.Equal("2026-03-02", input.GetAttribute("value"));
        Assert.Equal("YYYY-MM-DD", input.GetAttribute("placeholder"));
        Assert.NotEqual("date", input.GetAttribute("type"));
    }

    [Fact]
    public void ADateTypedAsYyyyMmDd_IsKeptInTheDraftInThatForm()
    {
        var draft = new CardDraft();
        var cut = RenderInLayout<CustomFieldsEditor>(p => p.Add(e => e.Fields, [ContractDate]).Add(e => e.Draft, draft));

        cut.Find($"input[id='{CardDraft.CustomField(ContractDate.Id)}']").Change("2026-11-30");

        cut.WaitForAssertion(() => Assert.Equal("2026-11-30", draft.CustomFields[ContractDate.Id]));
    }
}
