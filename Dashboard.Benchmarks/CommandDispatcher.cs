namespace Dashboard.Benchmarks;

/// <summary>One thing the program can do, chosen by its first argument.</summary>
internal abstract class BenchmarkCommand
{
    /// <summary>The word that selects the command, e.g. <c>generate</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The options, as shown in the usage text, e.g. <c>--db FILE [--runs N]</c>.</summary>
    public abstract string Options { get; }

    public abstract string Summary { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    public abstract Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct);
}

/// <summary>A command line that cannot be run as typed; the dispatcher prints usage and exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Picks the command named by the first argument and runs it; anything else prints usage.</summary>
internal static class CommandDispatcher
{
    public const int UsageExitCode = 2;

    public static async Task<int> RunAsync(IReadOnlyList<BenchmarkCommand> commands, string[] args, TextWriter output, TextWriter error)
    {
        var command = args.Length == 0 ? null : commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            if (args.Length > 0 && args[0] is not ("help" or "--help" or "-h"))
            {
                await error.WriteLineAsync($"Unknown command \"{args[0]}\".");
            }

            await error.WriteLineAsync(Usage(commands));
            return UsageExitCode;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // The first Ctrl+C stops the command cleanly (the generator rolls back); a second one kills the process.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            var arguments = CommandArguments.Parse(args.AsSpan(1));
            if (arguments.Flag("help"))
            {
                await error.WriteLineAsync(UsageOf(command));
                return UsageExitCode;
            }

            return await command.RunAsync(arguments, output, error, cancel.Token);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync(UsageOf(command));
            return UsageExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static string UsageOf(BenchmarkCommand command) =>
        $"Usage: dotnet run -c Release --project Dashboard.Benchmarks -- {command.Name} {command.Options}\n  {command.Summary}";

    private static string Usage(IReadOnlyList<BenchmarkCommand> commands) =>
        "Usage: dotnet run -c Release --project Dashboard.Benchmarks -- COMMAND [OPTIONS]\n\nCommands:\n" +
        string.Join("\n", commands.Select(c => $"  {c.Name} {c.Options}\n      {c.Summary}"));
}
