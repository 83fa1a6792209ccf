using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>
/// Options of the form <c>--name value</c> or a bare <c>--flag</c>. Every option must be read by the command;
/// <see cref="EnsureAllUsed"/> turns a misspelt one into a usage error instead of silently ignoring it.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandArguments(Dictionary<string, string?> values) => _values = values;

    public static CommandArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                throw new UsageException($"Unexpected argument \"{args[i]}\".");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }

        return new CommandArguments(values);
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new UsageException($"--{name} needs a value.");
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"--{name} is required.");

    public int Integer(string name, int defaultValue, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return defaultValue;
        }

        // Underscores and thousands separators are allowed, so 1_000_000 and 1,000,000 both read as a million.
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!int.TryParse(digits, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min:N0} to {max:N0}; got \"{text}\".");
        }

        return value;
    }

    public int RequiredInteger(string name, int min, int max)
    {
        _ = RequiredText(name);
        return Integer(name, 0, min, max);
    }

    /// <summary>Fails on any option the command did not read.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : string.Empty)}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
