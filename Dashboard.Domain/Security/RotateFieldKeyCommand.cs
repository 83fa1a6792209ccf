using Dashboard.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Domain.Security;

/// <summary>
/// The <c>rotate-field-key</c> command: brings the database up to date as a start would, adds a new field-encryption
/// key to the key ring and encrypts every stored sensitive value with it, printing progress. Older keys stay in the
/// ring (audit entries written with them still decrypt); answers 0 when done, 2 when it failed.
/// </summary>
public static class RotateFieldKeyCommand
{
    public const string Name = FieldProtectionMaintenance.RotateCommandName;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var progress = new LineProgress(output);
            var report = await services.GetRequiredService<FieldProtectionMaintenance>().RotateAsync(progress, ct);
            await output.WriteLineAsync($"Field-encryption key rotated to {report.KeyId}: {report.Encrypted:N0} stored value(s) encrypted with it.");
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"The field-encryption key could not be rotated: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    /// <summary>Writes each progress line as it comes, in order.</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
