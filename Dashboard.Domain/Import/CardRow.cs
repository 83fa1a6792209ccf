using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Import;

/// <summary>One import row turned into what a person would have typed into the card form, with notes on values left out.</summary>
public sealed record CardRow(int Line, CardDraft Draft, IReadOnlyList<string> Notes);

/// <summary>Builds card drafts from import rows by the recognised columns (<see cref="ColumnMapper"/>).</summary>
public static class CardRowReader
{
    private static readonly string[] DateFormats = ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];

    /// <param name="line">The row's line number in the file, for error reports.</param>
    public static CardRow Read(int line, IReadOnlyList<string?> fields, IReadOnlyDictionary<CardColumn, int> columns)
    {
        string? Get(CardColumn column) => columns.TryGetValue(column, out var i) && i < fields.Count ? TextNormalizer.Clean(fields[i]) : null;

        var notes = new List<string>();
        var given = Get(CardColumn.GivenName);
        var surname = Get(CardColumn.Surname);
        var name = Get(CardColumn.Name) ?? JoinName(given, surname);
        var company = Get(CardColumn.Company);
        var draft = new CardDraft
        {
            Kind = name is null && company is not null ? CardKind.Company : CardKind.Individual,
            Name = name,
            Company = company,
            Title = Get(CardColumn.Title),
            Address = Address(Get(CardColumn.StreetNumber), Get(CardColumn.Address1), Get(CardColumn.Address2), Get(CardColumn.Suburb), Get(CardColumn.State)),
            Postcode = Get(CardColumn.Postcode),
            Country = columns.TryGetValue(CardColumn.Country, out var c) && c < fields.Count && TextInput.IsAllowed(fields[c]) ? CountryCodes.Read(Get(CardColumn.Country)) ?? Get(CardColumn.Country) : Get(CardColumn.Country),
        };
        if (Get(CardColumn.Phone) is { } phone)
        {
            draft.Phones.Add(new ContactPointDraft { Value = phone, IsPrimary = true });
        }

        if (Get(CardColumn.Email) is { } email)
        {
            draft.Emails.Add(new ContactPointDraft { Value = email, IsPrimary = true });
        }

        if (Get(CardColumn.DateOfBirth) is { } dob)
        {
            if (DateOnly.TryParseExact(dob, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                draft.DateOfBirth = date;
            }
            else
            {
                notes.Add($"date of birth \"{dob}\" is not a date (YYYYMMDD or YYYY-MM-DD); left out");
            }
        }

        return new CardRow(line, draft, notes);
    }

    /// <summary>"Given Surname" in Latin script; surname first without a space in Chinese (王 + 小明 = 王小明).</summary>
    private static string? JoinName(string? given, string? surname)
    {
        if (given is null || surname is null)
        {
            return given ?? surname;
        }

        return given.Any(Duplicates.MatchText.IsCjk) || surname.Any(Duplicates.MatchText.IsCjk) ? surname + given : given + " " + surname;
    }

    /// <summary>"12 Main Street, Unit 4, Springfield NSW": number and street, second line, then town and state.</summary>
    private static string? Address(string? number, string? line1, string? line2, string? suburb, string? state)
    {
        static string? Join(string separator, params string?[] parts)
        {
            var present = parts.Where(p => p is not null).ToArray();
            return present.Length == 0 ? null : string.Join(separator, present);
        }

        return Join(", ", Join(" ", number, line1), line2, Join(" ", suburb, state));
    }
}
