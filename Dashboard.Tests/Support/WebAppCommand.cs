using System.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>
/// Runs one of the web app's commands (<c>dotnet Dashboard.Web.dll &lt;command&gt;</c>, as <c>dotnet run --project
/// Dashboard.Web -- &lt;command&gt;</c> does) against a database file and key ring, and returns its exit code and output.
/// </summary>
internal static class WebAppCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string command, string database, string keyRingFolder)
    {
        var app = WebAppAssembly();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add(command);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Dashboard__DatabasePath"] = database;
        start.Environment["Dashboard__KeyRingPath"] = keyRingFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Dashboard.Web.dll as the solution build left it (with its runtime configuration), found from the repository root.</summary>
    private static string WebAppAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var app = Path.Combine(directory!.FullName, "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll");
        Assert.True(File.Exists(app), $"Build Dashboard.Web first: {app} is missing.");
        return app;
    }
}
