using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>Writes log messages as plain lines (to standard error), keeping standard output for the report.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            lock (writer)
            {
                writer.WriteLine($"{DateTime.Now:HH:mm:ss} {logLevel} {shortCategory}: {formatter(state, exception)}");
                if (exception is not null)
                {
                    writer.WriteLine(exception);
                }
            }
        }
    }
}
