using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Lifecycle;

namespace Dashboard.Tests.Localization;

/// <summary>
/// Every UI string goes through IStringLocalizer; a translator works from the resource file, so a
/// string used in the UI but missing from it would stay English in every language.
/// </summary>
public sealed partial class ResourceCoverageTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public void EveryLocalizedStringInTheUi_HasAnEnglishResource()
    {
        var resources = ResourceKeys();
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "Dashboard.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet();

        var missing = used.Except(resources).Order().ToList();

        Assert.NotEmpty(used);
        Assert.Empty(missing);
    }

    [Fact]
    public void EnumValuesShownInTheUi_HaveReadableResources()
    {
        var resources = ResourceKeys();
        var shown = Enum.GetNames<LifecycleStage>()
            .Concat(Enum.GetNames<Role>())
            .Concat(Enum.GetNames<CardKind>())
            .Concat(Enum.GetNames<InteractionKind>())
            .Concat(Enum.GetNames<CustomFieldType>());

        var missing = shown.Except(resources).ToList();

        Assert.Empty(missing);
    }

    private static HashSet<string> ResourceKeys() =>
        XDocument.Load(Path.Combine(RepositoryRoot, "Dashboard.Web", "Resources", "SharedResource.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test binaries.");
    }

    [GeneratedRegex("""\bL\["((?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex LocalizedKey();
}
