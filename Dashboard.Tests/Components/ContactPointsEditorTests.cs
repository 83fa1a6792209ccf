using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Web.Components.Customers;

namespace Dashboard.Tests.Components;

/// <summary>The star beside each phone and e-mail says, to a screen reader too, which contact it makes primary.</summary>
public sealed class ContactPointsEditorTests : ComponentTest
{
    [Fact]
    public void EachPhonesStar_IsAButtonNamedForThatPhone()
    {
        var phones = new List<ContactPointDraft>
        {
            new() { Label = "Mobile", Value = "+86 138 1234 5678", IsPrimary = true },
            new() { Label = "Office", Value = "+86 139 8765 4321" },
            new() { Label = "Home" },
        };

        var cut = RenderInLayout<ContactPointsEditor>(p => p.Add(e => e.Kind, ContactKind.Phone).Add(e => e.Items, phones));

        Assert.Equal(
            ["Primary phone", "Make +86 139 8765 4321 the primary phone", "Make this phone the primary phone"],
            Stars(cut).Select(s => s.GetAttribute("aria-label")));
        Assert.Equal(["true", "false", "false"], Stars(cut).Select(s => s.GetAttribute("aria-pressed")));
        Assert.All(Stars(cut), s => Assert.Equal("BUTTON", s.TagName));
    }

    [Fact]
    public void PressingAnotherStar_MakesThatPhonePrimary_AndRenamesBothStars()
    {
        var phones = new List<ContactPointDraft>
        {
            new() { Label = "Mobile", Value = "+86 138 1234 5678", IsPrimary = true },
            new() { Label = "Office", Value = "+86 139 8765 4321" },
        };
        var cut = RenderInLayout<ContactPointsEditor>(p => p.Add(e => e.Kind, ContactKind.Phone).Add(e => e.Items, phones));

        Stars(cut)[1].Click();

        Assert.Equal([false, true], phones.Select(p => p.IsPrimary));
        Assert.Equal(["Make +86 138 1234 5678 the primary phone", "Primary phone"], Stars(cut).Select(s => s.GetAttribute("aria-label")));
    }

    [Fact]
    public void EachEmailsStar_IsNamedForThatEmail()
    {
        var emails = new List<ContactPointDraft>
        {
            new() { Label = "Work", Value = "xiaoming@example.com" },
            new() { Label = "Home", Value = "wang@example.cn", IsPrimary = true },
        };

        var cut = RenderInLayout<ContactPointsEditor>(p => p.Add(e => e.Kind, ContactKind.Email).Add(e => e.Items, emails));

        Assert.Equal(["Make xiaoming@example.com the primary e-mail", "Primary e-mail"], Stars(cut).Select(s => s.GetAttribute("aria-label")));
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Stars(IRenderedComponent<ContactPointsEditor> cut) =>
        cut.FindAll("[data-testid$='-primary']");
}
