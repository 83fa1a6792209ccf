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
    /// repository (../shared/data from the root), where the project keeps it instead of copying it in.
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
        }

        Assert.True(Directory.Exists(root),
            $"The labelled test data is not at {root}. Keep the repository beside the shared/ folder (../shared/data) or set DASHBOARD_SHARED_DATA to the data folder.");
        return Path.Combine([root, .. parts]);
    }
}
