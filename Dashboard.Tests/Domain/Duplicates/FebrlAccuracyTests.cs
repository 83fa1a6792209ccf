using Dashboard.Domain.Duplicates;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Duplicates;

/// <summary>
/// Matching quality on the labelled Febrl data, through the same path as the <c>dedupe</c> benchmark command:
/// import through the domain, batch scan, compare the queue with the truth.
/// </summary>
public sealed class FebrlAccuracyTests : ServiceTest
{
    [Fact]
    public async Task BatchScan_OnFebrlDataset1_ReachesF1OfAtLeast090()
    {
        using var reader = new StreamReader(SharedData("febrl", "dataset1.csv"));

        var figures = await App.Services.GetRequiredService<DuplicateAccuracy>().MeasureAsync(reader, ",", null, TextWriter.Null);

        Assert.Equal(1000, figures.Records);
        Assert.Equal(500, figures.TruePairs);
        Assert.True(figures.F1 >= 0.90, $"F1 {figures.F1:F4} (precision {figures.Precision:F4}, recall {figures.Recall:F4}, {figures.Candidates} candidates)");
    }

    /// <summary>
    /// A file of the labelled public data: under <c>DASHBOARD_SHARED_DATA</c> when set, else under shared/data beside the
    /// repository (../shared/data from the root), where the project keeps it instead of copying it in. A clone made
    /// elsewhere from a local repository (CI clones into a temporary folder) uses the data beside that repository.
    /// </summary>
    internal static string SharedData(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("DASHBOARD_SHARED_DATA");
        if (string.IsNullOrEmpty(root))
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            root = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
            if (!Directory.Exists(root) && LocalOrigin(directory.FullName) is { } origin)
            {
                root = Path.GetFullPath(Path.Combine(origin, "..", "shared", "data"));
            }
        }

        Assert.True(Directory.Exists(root),
            $"The labelled test data is not at {root}. Keep the repository beside the shared/ folder (../shared/data) or set DASHBOARD_SHARED_DATA to the data folder.");
        return Path.Combine([root, .. parts]);
    }

    /// <summary>The folder of the repository this one was cloned from, when its origin is a local path.</summary>
    private static string? LocalOrigin(string repository)
    {
        var config = Path.Combine(repository, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.Split('=', 2) is [_, var url])
            {
                var path = url.Trim();
                path = path.StartsWith("file://", StringComparison.Ordinal) ? path["file://".Length..] : path;
                return Path.IsPathRooted(path) && Directory.Exists(path) ? path : null;
            }
        }

        return null;
    }
}
