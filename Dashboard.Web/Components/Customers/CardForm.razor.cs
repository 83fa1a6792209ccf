using Dashboard.Domain;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.ReferenceData;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// The card edit form. Checks each field as it is left, with the domain's own rules, and shows the
/// errors the domain service returns on save next to the fields they belong to.
/// </summary>
public partial class CardForm
{
    private readonly Dictionary<string, string> _localErrors = [];
    private DuplicateWarning? _duplicates;

    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    [Inject]
    private ReferenceDataService Lists { get; set; } = default!;

    [Inject]
    private CustomFieldService CustomFields { get; set; } = default!;

    [Inject]
    private StaffDirectory StaffDirectory { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    /// <summary>The values being edited; the form fills it in as the user types.</summary>
    [Parameter, EditorRequired]
    public CardDraft Draft { get; set; } = default!;

    /// <summary>The card as saved, when editing; shows retired list entries it still carries.</summary>
    [Parameter]
    public CardDetails? Current { get; set; }

    /// <summary>Errors from the last save attempt.</summary>
    [Parameter]
    public IReadOnlyList<FieldError> Errors { get; set; } = [];

    [Parameter]
    public bool IsNew { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback OnSubmit { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private IReadOnlyList<StaffView> Staff { get; set; } = [];

    private IReadOnlyList<TagDefinitionView> Tags { get; set; } = [];

    private IReadOnlyList<ListItemView> Interests { get; set; } = [];

    private IReadOnlyList<CustomFieldView> Fields { get; set; } = [];

    private string NameLabel => Draft.Kind == CardKind.Individual ? L["Name"] : L["Contact person"];

    private string CompanyLabel => L["Company"];

    private DateTime? FollowUp => Draft.NextFollowUp?.ToDateTime(TimeOnly.MinValue);

    private DateTime? BirthDate => Draft.DateOfBirth?.ToDateTime(TimeOnly.MinValue);

    private void OnBirthDateChanged(DateTime? date)
    {
        Draft.DateOfBirth = date is null ? null : DateOnly.FromDateTime(date.Value);
        Revalidate("DateOfBirth");
    }

    /// <summary>Local errors first (they reflect what is typed now), then the service's.</summary>
    private Dictionary<string, string> AllErrors =>
        Errors.Where(e => !_localErrors.ContainsKey(e.Field) && !_cleared.Contains(e.Field))
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => L.Text(g.First()))
            .Concat(_localErrors)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    private readonly HashSet<string> _cleared = [];
    private IReadOnlyList<FieldError>? _lastErrors;

    protected override async Task OnInitializedAsync()
    {
        var actor = await CurrentActor.GetAsync();
        Staff = await StaffDirectory.ListVisibleAsync(actor);
        Tags = await TagsWithRetiredOnCardAsync();
        Interests = await Lists.GetListAsync(ListKind.Interest);
        Fields = await CustomFields.ListAsync();
        Draft.OwnerId ??= actor.StaffId;
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_lastErrors, Errors))
        {
            // A new save attempt: its errors are current again.
            _lastErrors = Errors;
            _cleared.Clear();
        }
    }

    /// <summary>The active tags, and any retired one the card still carries, so its name still shows.</summary>
    private async Task<IReadOnlyList<TagDefinitionView>> TagsWithRetiredOnCardAsync()
    {
        var tags = (await Lists.GetTagsAsync()).ToList();
        foreach (var retired in Current?.Tags.Where(t => tags.All(d => d.Id != t.Id)) ?? [])
        {
            tags.Add(new TagDefinitionView(retired.Id, retired.Name, 0, string.Empty, retired.Colour, IsActive: false));
        }

        return tags;
    }

    /// <summary>What the Tags field shows for a selected id: the tag's name, never the number.</summary>
    private string TagName(int id) => Tags.FirstOrDefault(t => t.Id == id)?.Name ?? string.Empty;

    private bool Has(string field) => AllErrors.ContainsKey(field);

    private string? ErrorOf(string field) => AllErrors.GetValueOrDefault(field);

    private string CountryHelp => Draft.Country is null
        ? L["Phones without + and a country code are read as numbers of {0}.", CountryNames.Of(Options.Value.DefaultPhoneRegion)]
        : L["Phones without + and a country code are read as numbers of {0}.", CountryNames.Of(Draft.Country)];

    /// <summary>A new country reads the phones typed without a country code anew, so their errors name the new country.</summary>
    private void OnCountryChanged(string? country)
    {
        Draft.Country = country;
        _cleared.Add(nameof(CardDraft.Country));
        _localErrors.Remove(nameof(CardDraft.Country));
        for (var i = 0; i < Draft.Phones.Count; i++)
        {
            Revalidate(CardDraft.PhoneField(i));
        }
    }

    private void OnKindChanged(CardKind kind)
    {
        Draft.Kind = kind;
        if (kind == CardKind.Company)
        {
            Draft.DateOfBirth = null;
        }

        Revalidate("Name");
        Revalidate("Company");
    }

    private void ToggleInterest(int id, bool on)
    {
        Draft.InterestIds.Remove(id);
        if (on)
        {
            Draft.InterestIds.Add(id);
        }
    }

    /// <summary>Re-checks one field with the domain's rules as soon as the user leaves it.</summary>
    private void Revalidate(string field)
    {
        _cleared.Add(field);
        _localErrors.Remove(field);
        if (field is "Name" or "Company" or "Postcode" or "DateOfBirth" || field.StartsWith(nameof(CardDraft.Phones), StringComparison.Ordinal) || field.StartsWith(nameof(CardDraft.Emails), StringComparison.Ordinal))
        {
            // Who else this might be: checked again once the user pauses.
            _duplicates?.Schedule();
        }

        var error = field switch
        {
            "Name" when Draft.Kind == CardKind.Individual && TextNormalizer.Clean(Draft.Name) is null => L["Enter the customer's name."].Value,
            "Company" when Draft.Kind == CardKind.Company && TextNormalizer.Clean(Draft.Company) is null => L["Enter the company name."].Value,
            _ when field.StartsWith(nameof(CardDraft.Phones), StringComparison.Ordinal) => CheckContact(field, ContactKind.Phone),
            _ when field.StartsWith(nameof(CardDraft.Emails), StringComparison.Ordinal) => CheckContact(field, ContactKind.Email),
            _ => null,
        };
        if (error is not null)
        {
            _localErrors[field] = error;
        }
    }

    private string? CheckContact(string field, ContactKind kind)
    {
        var index = int.Parse(field[(field.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        var items = kind == ContactKind.Phone ? Draft.Phones : Draft.Emails;
        var value = index < items.Count ? items[index].Value : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (kind == ContactKind.Phone)
        {
            var region = CardDraftValidator.PhoneRegionOf(Draft, Options.Value.DefaultPhoneRegion);
            return PhoneNumber.Read(value, region, regionIsOnlyADefault: !PhoneNumber.IsKnownRegion(Draft.Country?.Trim().ToUpperInvariant())).Message;
        }

        _ = EmailAddress.TryParse(value, out _, out var error);
        return error;
    }

    private async Task SubmitAsync()
    {
        if (!Busy)
        {
            await OnSubmit.InvokeAsync();
        }
    }
}
