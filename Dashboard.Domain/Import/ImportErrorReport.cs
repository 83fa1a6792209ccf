using System.Globalization;
using System.Text;

namespace Dashboard.Domain.Import;

/// <summary>The downloadable error report of an import: one line per problem with its row, column, value and message.</summary>
public static class ImportErrorReport
{
    public const string ContentType = "text/csv";

    /// <summary>UTF-8 with a byte order mark, so that Excel shows Chinese text correctly when the file is opened.</summary>
    public static byte[] ToCsv(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("row,column,value,code,message\r\n");
        foreach (var issue in report.Errors)
        {
            text.Append(issue.Row.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(issue.Column)).Append(',')
                .Append(Quote(issue.Value)).Append(',')
                .Append(Quote(issue.Code)).Append(',')
                .Append(Quote(issue.Message)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A file name for the report of <paramref name="fileName"/>, e.g. "customers-errors.csv".</summary>
    public static string FileNameFor(string fileName) => Path.GetFileNameWithoutExtension(fileName) + "-errors.csv";

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        var safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
