using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Dashboard.Domain.Import;

/// <summary>Reads a CSV file with a header row: fields trimmed, quoted fields and short rows tolerated.</summary>
public static class CsvRows
{
    /// <summary>The header and then each row with its line number.</summary>
    public static (IReadOnlyList<string> Header, IEnumerable<(int Line, string?[] Fields)> Rows) Read(TextReader reader, string delimiter = ",")
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            csv.Dispose();
            return ([], []);
        }

        var header = csv.HeaderRecord ?? [];
        return (header, Rows(csv));
    }

    private static IEnumerable<(int Line, string?[] Fields)> Rows(CsvReader csv)
    {
        using (csv)
        {
            while (csv.Read())
            {
                var fields = csv.Parser.Record ?? [];
                yield return (csv.Parser.RawRow, fields.Select(f => (string?)f).ToArray());
            }
        }
    }
}
