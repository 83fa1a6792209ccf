using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Import;

/// <summary>
/// The lists, tags, custom fields and staff an import resolves names against, loaded once and tracked by the import's
/// context, so that every card of the import refers to the same instances.
/// </summary>
internal sealed class ImportLookups
{
    private readonly Dictionary<(ListKind, string), ListItem> _listsByName = [];
    private readonly Dictionary<string, Tag> _tagsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StaffMember>> _staffByName = new(StringComparer.Ordinal);

    private ImportLookups(List<ListItem> lists, List<Tag> tags, List<CustomFieldDefinition> fields, List<StaffMember> staff)
    {
        ListItems = lists.ToDictionary(i => i.Id);
        Tags = tags.ToDictionary(t => t.Id);
        CustomFields = fields;
        Staff = staff.ToDictionary(s => s.Id);
        foreach (var item in lists.Where(i => i.IsActive))
        {
            _listsByName.TryAdd((item.Kind, ImportFields.Fold(item.Name)), item);
        }

        foreach (var tag in tags.Where(t => t.IsActive))
        {
            _tagsByName.TryAdd(ImportFields.Fold(tag.Name), tag);
        }

        foreach (var member in staff)
        {
            foreach (var name in new[] { member.DisplayName, member.Email, member.ExternalId }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(ImportFields.Fold).Distinct())
            {
                if (!_staffByName.TryGetValue(name, out var list))
                {
                    _staffByName[name] = list = [];
                }

                list.Add(member);
            }
        }
    }

    public IReadOnlyDictionary<int, ListItem> ListItems { get; }

    public IReadOnlyDictionary<int, Tag> Tags { get; }

    /// <summary>The active custom fields.</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFields { get; }

    public IReadOnlyDictionary<Guid, StaffMember> Staff { get; }

    public static async Task<ImportLookups> LoadAsync(DashboardDbContext db, CancellationToken ct) =>
        new(await db.ListItems.ToListAsync(ct), await db.Tags.ToListAsync(ct), await db.CustomFields.Where(f => f.IsActive).ToListAsync(ct), await db.Staff.ToListAsync(ct));

    /// <summary>Tracks the instances again after the context's change tracker was cleared.</summary>
    public void AttachTo(DashboardDbContext db)
    {
        db.AttachRange(ListItems.Values);
        db.AttachRange(Tags.Values);
        db.AttachRange(CustomFields);
        db.AttachRange(Staff.Values);
    }

    public ListItem? FindListItem(ListKind kind, string name) => _listsByName.GetValueOrDefault((kind, ImportFields.Fold(name)));

    public Tag? FindTag(string name) => _tagsByName.GetValueOrDefault(ImportFields.Fold(name));

    /// <summary>Staff by display name, e-mail or sign-in id; several when a display name is shared.</summary>
    public IReadOnlyList<StaffMember> FindStaff(string name) => _staffByName.GetValueOrDefault(ImportFields.Fold(name)) ?? [];
}

/// <summary>A data row turned into a card draft, with the column each draft field came from and the problems found reading it.</summary>
internal sealed class ImportRow
{
    public required TableRow Source { get; init; }

    public required CardDraft Draft { get; init; }

    /// <summary>Draft field (as <see cref="FieldError.Field"/> names it) → column index.</summary>
    public Dictionary<string, int> Columns { get; } = new(StringComparer.Ordinal);

    public HashSet<CardColumn> Provided { get; } = [];

    public HashSet<int> ProvidedCustom { get; } = [];

    public List<ImportIssue> Issues { get; } = [];

    /// <summary>Set when the row passed validation.</summary>
    public CardValues? Values { get; set; }
}

/// <summary>Reads rows by the column mapping into drafts of the card form; what the form would reject is left to <see cref="CardDraftValidator"/>.</summary>
internal sealed class ImportRowReader
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"];

    /// <summary>Date cells of a sheet that carry a time, e.g. "2024-03-01 00:00".</summary>
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    private static readonly char[] ListSeparators = [';', '；', ',', '，', '、', '|'];
    private static readonly char[] ContactSeparators = [';', '；', ',', '，', '、', '/', '\n'];

    private readonly List<string> _headers;
    private readonly (int Index, CardColumn? Column, int? CustomId)[] _mapped;
    private readonly ImportLookups _lookups;
    private readonly Guid _defaultOwner;
    private readonly string? _defaultCountry;

    /// <param name="defaultCountry">The import's default region, given for rows without a country; null leaves their country unset.</param>
    public ImportRowReader(IReadOnlyList<ImportColumn> columns, ImportLookups lookups, Guid defaultOwner, string? defaultCountry = null)
    {
        _defaultCountry = defaultCountry;
        _headers = columns.Select(c => c.Header).ToList();
        _mapped = columns.Where(c => c.Field is not null)
            .Select(c => ImportFields.TryParse(c.Field!, out var column, out var custom) ? (c.Index, column, custom) : (c.Index, (CardColumn?)null, (int?)null))
            .Where(m => m.Item2 is not null || m.Item3 is not null)
            .ToArray();
        _lookups = lookups;
        _defaultOwner = defaultOwner;
    }

    public string Header(int column) => _headers[column];

    public ImportRow Read(TableRow source)
    {
        var row = new ImportRow { Source = source, Draft = new CardDraft { OwnerId = _defaultOwner } };
        var draft = row.Draft;
        string? given = null, surname = null, name = null, number = null, line1 = null, line2 = null, suburb = null, state = null;
        var addressColumn = -1;
        var blanks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, column, customId) in _mapped)
        {
            // Trimmed only: the card rules clean and normalise every value once more anyway.
            var raw = index < source.Fields.Length ? source.Fields[index] : null;
            var value = string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
            if (value is null)
            {
                // A blank required cell is reported on its own column.
                var required = customId is { } blankId ? CardDraft.CustomField(blankId)
                    : column is CardColumn.Name or CardColumn.GivenName or CardColumn.Surname ? nameof(CardDraft.Name)
                    : column is CardColumn.Company ? nameof(CardDraft.Company) : null;
                if (required is not null)
                {
                    blanks.TryAdd(required, index);
                }

                continue;
            }

            if (customId is { } id)
            {
                draft.CustomFields[id] = value;
                row.ProvidedCustom.Add(id);
                row.Columns.TryAdd(CardDraft.CustomField(id), index);
                continue;
            }

            row.Provided.Add(column!.Value);
            switch (column)
            {
                case CardColumn.Name: name = value; Source(nameof(CardDraft.Name), index); break;
                case CardColumn.GivenName: given = value; Source(nameof(CardDraft.Name), index); break;
                case CardColumn.Surname: surname = value; Source(nameof(CardDraft.Name), index); break;
                case CardColumn.Company: draft.Company = value; Source(nameof(CardDraft.Company), index); break;
                case CardColumn.Title: draft.Title = value; Source(nameof(CardDraft.Title), index); break;
                case CardColumn.Phone: AddContacts(draft.Phones, value, index, CardDraft.PhoneField, nameof(CardDraft.Phones)); break;
                case CardColumn.Email: AddContacts(draft.Emails, value, index, CardDraft.EmailField, nameof(CardDraft.Emails)); break;
                case CardColumn.StreetNumber: number = value; addressColumn = addressColumn < 0 ? index : addressColumn; break;
                case CardColumn.Address1: line1 = value; addressColumn = index; break;
                case CardColumn.Address2: line2 = value; addressColumn = addressColumn < 0 ? index : addressColumn; break;
                case CardColumn.Suburb: suburb = value; addressColumn = addressColumn < 0 ? index : addressColumn; break;
                case CardColumn.State: state = value; addressColumn = addressColumn < 0 ? index : addressColumn; break;
                case CardColumn.Postcode: draft.Postcode = value; Source(nameof(CardDraft.Postcode), index); break;

                // A name ("Australia", "Deutschland") becomes its code; anything else (control characters included) is kept for the card rules to refuse.
                case CardColumn.Country: draft.Country = TextInput.IsAllowed(value) ? CountryCodes.Read(value) ?? value : value; Source(nameof(CardDraft.Country), index); break;
                case CardColumn.DateOfBirth: draft.DateOfBirth = Date(value, index, nameof(CardDraft.DateOfBirth)); break;
                case CardColumn.NextFollowUp: draft.NextFollowUp = Date(value, index, nameof(CardDraft.NextFollowUp)); break;
                case CardColumn.SpecialNeeds: draft.SpecialNeeds = value; Source(nameof(CardDraft.SpecialNeeds), index); break;
                case CardColumn.Kind: Kind(value, index); break;
                case CardColumn.Industry: draft.IndustryId = ListEntry(ListKind.Industry, value, index, nameof(CardDraft.IndustryId)); break;
                case CardColumn.Region: draft.RegionId = ListEntry(ListKind.Region, value, index, nameof(CardDraft.RegionId)); break;
                case CardColumn.SourceChannel: draft.SourceChannelId = ListEntry(ListKind.SourceChannel, value, index, nameof(CardDraft.SourceChannelId)); break;
                case CardColumn.Interests:
                    draft.InterestIds = [.. Split(value, ListSeparators).Select(v => ListEntry(ListKind.Interest, v, index, nameof(CardDraft.InterestIds))).OfType<int>().Distinct()];
                    break;
                case CardColumn.Tags: draft.TagIds = [.. Split(value, ListSeparators).Select(v => TagId(v, index)).OfType<int>().Distinct()]; break;
                case CardColumn.Owner: Owner(value, index); break;
                case CardColumn.Stage: Stage(value, index); break;
            }
        }

        foreach (var (field, index) in blanks)
        {
            row.Columns.TryAdd(field, index);
        }

        draft.Country ??= _defaultCountry;
        draft.Name = name ?? JoinName(given, surname);
        if (!row.Provided.Contains(CardColumn.Kind))
        {
            draft.Kind = draft.Name is null && draft.Company is not null ? CardKind.Company : CardKind.Individual;
        }

        draft.Address = Join(", ", Join(" ", number, line1), line2, Join(" ", suburb, state));
        if (addressColumn >= 0)
        {
            Source(nameof(CardDraft.Address), addressColumn);
        }

        return row;

        void Source(string field, int index) => row.Columns.TryAdd(field, index);

        void Issue(int index, string value, string code, string message) =>
            row.Issues.Add(new ImportIssue(source.Row, _headers[index], value, code, message));

        void AddContacts(List<ContactPointDraft> list, string value, int index, Func<int, string> field, string listField)
        {
            foreach (var part in Split(value, ContactSeparators))
            {
                row.Columns.TryAdd(field(list.Count), index);
                row.Columns.TryAdd(listField, index);
                list.Add(new ContactPointDraft { Value = part, IsPrimary = list.Count == 0 });
            }
        }

        DateOnly? Date(string value, int index, string field)
        {
            Source(field, index);
            if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withTime))
            {
                return DateOnly.FromDateTime(withTime);
            }

            Issue(index, value, "date.invalid", $"\"{value}\" is not a date; write it as YYYY-MM-DD.");
            return null;
        }

        void Kind(string value, int index)
        {
            Source(nameof(CardDraft.Kind), index);
            switch (ImportFields.Fold(value))
            {
                case "INDIVIDUAL" or "PERSON" or "PERSONAL" or "I" or "个人" or "个人客户" or "自然人":
                    draft.Kind = CardKind.Individual;
                    break;
                case "COMPANY" or "BUSINESS" or "ORGANISATION" or "ORGANIZATION" or "CORPORATE" or "C" or "公司" or "企业" or "单位" or "企业客户" or "公司客户":
                    draft.Kind = CardKind.Company;
                    break;
                default:
                    Issue(index, value, "kind.invalid", $"\"{value}\" is not a kind of card; write Individual or Company.");
                    break;
            }
        }

        int? ListEntry(ListKind kind, string value, int index, string field)
        {
            Source(field, index);
            if (_lookups.FindListItem(kind, value) is { } item)
            {
                return item.Id;
            }

            Issue(index, value, "list.unknown", $"\"{value}\" is not on the {ListNames.Singular(kind)} list; choose an entry of the list, or ask an Admin to add it.");
            return null;
        }

        int? TagId(string value, int index)
        {
            Source(nameof(CardDraft.TagIds), index);
            if (_lookups.FindTag(value) is { } tag)
            {
                return tag.Id;
            }

            Issue(index, value, "tag.unknown", $"\"{value}\" is not a tag; use an existing tag, or ask an Admin to add it.");
            return null;
        }

        void Owner(string value, int index)
        {
            Source(nameof(CardDraft.OwnerId), index);
            var found = _lookups.FindStaff(value);
            if (found.Count == 1)
            {
                draft.OwnerId = found[0].Id;
            }
            else
            {
                Issue(index, value, "owner.unknown", found.Count == 0
                    ? $"\"{value}\" is not a member of staff; write the owner's name or e-mail as the staff list has it."
                    : $"Several members of staff are called \"{value}\"; write the owner's e-mail instead.");
            }
        }

        void Stage(string value, int index)
        {
            Source(nameof(CardDraft.Stage), index);
            var stage = ImportFields.Fold(value).Replace(" ", string.Empty, StringComparison.Ordinal) switch
            {
                "PROSPECT" or "潜在客户" or "潜在" or "潜客" => LifecycleStage.Prospect,
                "NEW" or "新客户" or "新" => LifecycleStage.New,
                "ACTIVE" or "活跃" or "活跃客户" => LifecycleStage.Active,
                "ATRISK" or "有流失风险" or "风险" => LifecycleStage.AtRisk,
                "CHURNED" or "流失" or "已流失" => LifecycleStage.Churned,
                _ => (LifecycleStage?)null,
            };
            if (stage is null)
            {
                Issue(index, value, "stage.invalid", $"\"{value}\" is not a stage; write Prospect or New.");
            }
            else
            {
                draft.Stage = stage.Value;
            }
        }
    }

    /// <summary>The row's validation errors as cell issues, each on the column its value came from.</summary>
    public IEnumerable<ImportIssue> Issues(ImportRow row, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var index = row.Columns.TryGetValue(error.Field, out var i) ? i : -1;
            yield return new ImportIssue(
                row.Source.Row,
                index >= 0 ? _headers[index] : null,
                index >= 0 && index < row.Source.Fields.Length && !string.IsNullOrEmpty(row.Source.Fields[index]) ? row.Source.Fields[index] : null,
                error.Code,
                error.Message);
        }
    }

    private static string[] Split(string value, char[] separators) =>
        value.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"Given Surname" in Latin script; surname first without a space in Chinese (王 + 小明 = 王小明).</summary>
    private static string? JoinName(string? given, string? surname)
    {
        if (given is null || surname is null)
        {
            return given ?? surname;
        }

        return given.Any(Duplicates.MatchText.IsCjk) || surname.Any(Duplicates.MatchText.IsCjk) ? surname + given : given + " " + surname;
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Where(p => p is not null).ToArray();
        return present.Length == 0 ? null : string.Join(separator, present);
    }
}
