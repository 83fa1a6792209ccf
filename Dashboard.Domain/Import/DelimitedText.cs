using System.Text;

namespace Dashboard.Domain.Import;

/// <summary>One record of a delimited file: its first line, its fields, and why it is malformed (null when it is not).</summary>
internal sealed record TextRecord(int Line, string[] Fields, string? Problem, string? ProblemCode);

/// <summary>
/// Decodes import files and splits them into records (RFC 4180: quoted fields may hold delimiters, doubled quotes and
/// line breaks). Unlike a lenient reader it never guesses: a quote that is not closed on its row, or text after a
/// closing quote, makes the record malformed; reading goes on at the next line, so one bad row costs one row.
/// </summary>
internal static class DelimitedText
{
    public const string Utf8 = "utf-8";
    public const string Utf8Bom = "utf-8-bom";
    public const string Gb18030 = "gb18030";
    public const string Utf16 = "utf-16";

    /// <summary>Candidates in order of preference when they split the sample equally well.</summary>
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static DelimitedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The text and the name of its encoding: a byte order mark decides; otherwise valid UTF-8 is UTF-8 and anything
    /// else is read as GB18030 (a superset of GBK/GB2312, what Excel saves as "CSV" on Chinese Windows).
    /// </summary>
    /// <param name="requested">An encoding name that overrides detection ("utf-8", "gb18030", "gbk", "utf-16", ...).</param>
    public static (string Text, string Encoding) Decode(byte[] bytes, string? requested)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return (StrictUtf8.GetString(bytes, 3, bytes.Length - 3), Utf8Bom);
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), Utf16);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), Utf16 + "be");
        }

        if (!string.IsNullOrWhiteSpace(requested))
        {
            var name = requested.Trim().ToLowerInvariant() is "gbk" or "gb2312" or "cp936" ? Gb18030 : requested.Trim().ToLowerInvariant();
            var encoding = name is Utf8 or Utf8Bom ? StrictUtf8 : Encoding.GetEncoding(name);
            return (encoding.GetString(bytes), name);
        }

        try
        {
            return (StrictUtf8.GetString(bytes), Utf8);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(Gb18030).GetString(bytes), Gb18030);
        }
    }

    /// <summary>True when <paramref name="name"/> is an encoding the import can read.</summary>
    public static bool IsKnownEncoding(string name)
    {
        var clean = name.Trim().ToLowerInvariant();
        if (clean is Utf8 or Utf8Bom or "gbk" or "gb2312" or "cp936")
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(clean);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The delimiter that splits the first records most consistently into the most fields (comma, semicolon, tab or
    /// bar); comma for a file of one column.
    /// </summary>
    public static char DetectDelimiter(string text)
    {
        var sample = text.Length > 65_536 ? text[..65_536] : text;
        var best = ',';
        var bestScore = (Consistency: 0.0, Fields: 1);
        foreach (var delimiter in Delimiters)
        {
            var records = Read(sample, delimiter).Where(r => r.Fields.Length != 1 || r.Fields[0].Length > 0).Take(30).ToList();
            if (records.Count == 0 || records[0].Fields.Length < 2)
            {
                continue;
            }

            var fields = records[0].Fields.Length;
            var consistency = records.Count(r => r.Problem is null && r.Fields.Length == fields) / (double)records.Count;
            if (consistency > bestScore.Consistency + 1e-9 || (Math.Abs(consistency - bestScore.Consistency) < 1e-9 && fields > bestScore.Fields))
            {
                (best, bestScore) = (delimiter, (consistency, fields));
            }
        }

        return best;
    }

    /// <summary>
    /// The records of <paramref name="text"/>, fields trimmed of surrounding spaces. When <paramref name="expectedFields"/>
    /// is known, a record whose quoted field ran over line breaks and came out with another number of fields is taken
    /// as an unclosed quote: it is reported at its first line and reading restarts on the line after it.
    /// </summary>
    /// <param name="maxFields">Fields beyond this many (plus one, so that the excess shows) are parsed but not kept.</param>
    public static IEnumerable<TextRecord> Read(string text, char delimiter, Func<int>? expectedFields = null, int maxFields = int.MaxValue - 1)
    {
        var reader = new RecordReader(text, delimiter, maxFields + 1);
        while (reader.Next(expectedFields?.Invoke() ?? 0) is { } record)
        {
            yield return record;
        }
    }

    private sealed class RecordReader(string text, char delimiter, int keptFields)
    {
        private readonly StringBuilder _field = new();
        private int _position;
        private int _line = 1;

        public TextRecord? Next(int expectedFields)
        {
            if (_position >= text.Length)
            {
                return null;
            }

            var startLine = _line;
            var firstLineEnd = -1;
            var fields = new List<string>();
            string? problem = null;
            string? code = null;
            while (true)
            {
                _field.Clear();
                SkipSpaces();
                if (_position < text.Length && text[_position] == '"')
                {
                    _position++;
                    var closed = false;
                    while (_position < text.Length)
                    {
                        var c = text[_position];
                        if (c == '"')
                        {
                            if (_position + 1 < text.Length && text[_position + 1] == '"')
                            {
                                _field.Append('"');
                                _position += 2;
                                continue;
                            }

                            _position++;
                            closed = true;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (_position + 1 >= text.Length || text[_position + 1] != '\n')))
                        {
                            _line++;
                            if (firstLineEnd < 0)
                            {
                                firstLineEnd = _position + 1;
                            }
                        }

                        _field.Append(c);
                        _position++;
                    }

                    if (!closed)
                    {
                        return Restart(startLine, firstLineEnd, "csv.unclosed-quote",
                            "A quote opened on this row is never closed; the row is not imported.");
                    }

                    SkipSpaces();
                    if (_position < text.Length && text[_position] != delimiter && text[_position] is not ('\r' or '\n'))
                    {
                        problem ??= "Text follows a closing quote; write a quote inside a quoted field as two quotes (\"\").";
                        code ??= "csv.text-after-quote";
                        while (_position < text.Length && text[_position] != delimiter && text[_position] is not ('\r' or '\n'))
                        {
                            _position++;
                        }
                    }

                    if (fields.Count < keptFields)
                    {
                        fields.Add(_field.ToString());
                    }
                }
                else
                {
                    var from = _position;
                    while (_position < text.Length && text[_position] != delimiter && text[_position] is not ('\r' or '\n'))
                    {
                        _position++;
                    }

                    if (fields.Count < keptFields)
                    {
                        fields.Add(text[from.._position].Trim());
                    }
                }

                if (_position >= text.Length)
                {
                    break;
                }

                var next = text[_position];
                if (next == delimiter)
                {
                    _position++;
                    if (_position >= text.Length)
                    {
                        if (fields.Count < keptFields)
                        {
                            fields.Add(string.Empty);
                        }

                        break;
                    }

                    continue;
                }

                // End of the record: \r\n, \n or a lone \r.
                _position += next == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n' ? 2 : 1;
                _line++;
                break;
            }

            if (firstLineEnd >= 0 && ((expectedFields > 0 && fields.Count != expectedFields) || problem is not null))
            {
                // A quoted field swallowed line breaks and the row came out the wrong shape: almost surely an unclosed quote.
                return Restart(startLine, firstLineEnd, "csv.unclosed-quote",
                    "A quote on this row is not closed before the line ends (the row ran into the next lines); the row is not imported.");
            }

            return new TextRecord(startLine, [.. fields], problem, code);
        }

        private TextRecord Restart(int startLine, int firstLineEnd, string code, string problem)
        {
            // Read on from the line after the one the bad quote is on, so that the following rows are not lost.
            _position = firstLineEnd < 0 ? text.Length : firstLineEnd;
            _line = startLine + 1;
            return new TextRecord(startLine, [], problem, code);
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && (text[_position] is ' ' or '\u3000' || (text[_position] == '\t' && delimiter != '\t')))
            {
                _position++;
            }
        }
    }
}
