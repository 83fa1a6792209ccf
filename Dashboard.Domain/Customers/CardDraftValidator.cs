using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.ReferenceData;

namespace Dashboard.Domain.Customers;

/// <summary>What card validation needs to know beyond the draft: lists, fields, the owner, the phone region.</summary>
public sealed record CardValidationContext(
    string DefaultPhoneRegion,
    IReadOnlyDictionary<int, ListItem> ListItems,
    IReadOnlyDictionary<int, Tag> Tags,
    IReadOnlyList<CustomFieldDefinition> CustomFields,
    StaffMember? Owner,
    IReadOnlySet<int> ListIdsAlreadyOnCard,
    IReadOnlySet<int> TagIdsAlreadyOnCard)
{
    /// <summary>Today's date, for refusing dates of birth in the future; null skips that check.</summary>
    public DateOnly? Today { get; init; }
}

/// <summary>
/// The single set of card rules: the UI, API and import all validate through here, so a value
/// the form rejects is rejected everywhere with the same message.
/// </summary>
public static class CardDraftValidator
{
    public static (CardValues? Values, IReadOnlyList<FieldError> Errors) Validate(CardDraft draft, CardValidationContext context)
    {
        var errors = new List<FieldError>();
        var name = Text(draft.Name, nameof(CardDraft.Name), CustomerCard.NameMaxLength, errors);
        var company = Text(draft.Company, nameof(CardDraft.Company), CustomerCard.CompanyMaxLength, errors);
        var title = Text(draft.Title, nameof(CardDraft.Title), CustomerCard.TitleMaxLength, errors);
        var address = Text(draft.Address, nameof(CardDraft.Address), CustomerCard.AddressMaxLength, errors, multiline: true);
        var specialNeeds = Text(draft.SpecialNeeds, nameof(CardDraft.SpecialNeeds), CustomerCard.SpecialNeedsMaxLength, errors, multiline: true);
        var postcode = Postcode(draft.Postcode, errors);
        var country = Country(draft.Country, errors);
        var dateOfBirth = DateOfBirth(draft, context, errors);

        if (draft.Kind == CardKind.Individual && name is null && !errors.Any(e => e.Field == nameof(CardDraft.Name)))
        {
            errors.Add(new(nameof(CardDraft.Name), "name.required", "Enter the customer's name."));
        }

        if (draft.Kind == CardKind.Company && company is null && !errors.Any(e => e.Field == nameof(CardDraft.Company)))
        {
            errors.Add(new(nameof(CardDraft.Company), "company.required", "Enter the company name."));
        }

        var industry = ListEntry(draft.IndustryId, ListKind.Industry, nameof(CardDraft.IndustryId), context, errors);
        var region = ListEntry(draft.RegionId, ListKind.Region, nameof(CardDraft.RegionId), context, errors);
        var source = ListEntry(draft.SourceChannelId, ListKind.SourceChannel, nameof(CardDraft.SourceChannelId), context, errors);
        var interests = draft.InterestIds.Distinct()
            .Select(id => ListEntry(id, ListKind.Interest, nameof(CardDraft.InterestIds), context, errors))
            .OfType<ListItem>()
            .ToList();

        var tags = new List<Tag>();
        foreach (var tagId in draft.TagIds.Distinct())
        {
            if (context.Tags.TryGetValue(tagId, out var tag) && (tag.IsActive || context.TagIdsAlreadyOnCard.Contains(tagId)))
            {
                tags.Add(tag);
            }
            else
            {
                errors.Add(new(nameof(CardDraft.TagIds), "tag.unknown", "One of the chosen tags no longer exists."));
            }
        }

        if (context.Owner is null)
        {
            errors.Add(new(nameof(CardDraft.OwnerId), "owner.unknown", "Choose an owner from the staff list."));
        }

        var contacts = new List<ValidContactPoint>();
        // Phones typed without a country code are read as numbers of the card's country; the default region is only a default.
        // A country that is not one (refused above) reads no phone: they are checked once the country is right.
        var phoneRegion = country ?? context.DefaultPhoneRegion;
        if (!errors.Any(e => e.Field == nameof(CardDraft.Country)))
        {
            contacts.AddRange(Contacts(draft.Phones, ContactKind.Phone, phoneRegion, errors, regionIsOnlyADefault: country is null));
        }

        contacts.AddRange(Contacts(draft.Emails, ContactKind.Email, phoneRegion, errors));

        var customValues = new List<(CustomFieldDefinition, string)>();
        foreach (var field in context.CustomFields.Where(f => f.IsActive && f.AppliesToKind(draft.Kind)).OrderBy(f => f.SortOrder))
        {
            draft.CustomFields.TryGetValue(field.Id, out var raw);
            if (TextInput.Check(CardDraft.CustomField(field.Id), raw) is { } refused)
            {
                errors.Add(refused);
            }
            else if (!field.TryNormalize(raw, out var normalized, out var error))
            {
                errors.Add(new(CardDraft.CustomField(field.Id), "custom.invalid", error!));
            }
            else if (normalized is not null)
            {
                customValues.Add((field, normalized));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var values = new CardValues(
            draft.Kind, name, company, title, industry, region, address, source, context.Owner!,
            draft.NextFollowUp, specialNeeds, interests, tags, contacts, customValues)
        {
            Postcode = postcode,
            Country = country,
            DateOfBirth = dateOfBirth,
        };
        return (values, []);
    }

    /// <summary>Letters, digits, spaces and hyphens, upper-cased: "SW1A 1AA", "200030", "06419-6160".</summary>
    private static string? Postcode(string? raw, List<FieldError> errors)
    {
        var postcode = TextInput.Clean(raw, nameof(CardDraft.Postcode), errors)?.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
        if (postcode is null)
        {
            return null;
        }

        if (postcode.Length > CustomerCard.PostcodeMaxLength || !postcode.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            errors.Add(new(nameof(CardDraft.Postcode), "postcode.invalid", $"A postcode has at most {CustomerCard.PostcodeMaxLength} letters, digits, spaces or hyphens."));
            return null;
        }

        return postcode;
    }

    /// <summary>The region phones without a country code are read in: the draft's country when it is a valid one, else the default.</summary>
    public static string PhoneRegionOf(CardDraft draft, string defaultRegion) =>
        CountryCode(draft.Country) is { } country && PhoneNumber.IsKnownRegion(country) ? country : defaultRegion;

    /// <summary>An ISO 3166-1 alpha-2 code libphonenumber knows ("us" → "US"); anything else is refused, never guessed.</summary>
    private static string? Country(string? raw, List<FieldError> errors)
    {
        if (TextInput.Check(nameof(CardDraft.Country), raw) is { } refused)
        {
            errors.Add(refused);
            return null;
        }

        var code = CountryCode(raw);
        if (code is null)
        {
            return null;
        }

        if (!PhoneNumber.IsKnownRegion(code))
        {
            errors.Add(new(nameof(CardDraft.Country), "country.unknown", "Choose a country from the list (an ISO code such as AU, US or CN)."));
            return null;
        }

        return code;
    }

    private static string? CountryCode(string? raw) => TextNormalizer.Clean(raw)?.ToUpperInvariant();

    private static DateOnly? DateOfBirth(CardDraft draft, CardValidationContext context, List<FieldError> errors)
    {
        if (draft.DateOfBirth is not { } date)
        {
            return null;
        }

        if (draft.Kind == CardKind.Company)
        {
            errors.Add(new(nameof(CardDraft.DateOfBirth), "dob.company", "Only an individual has a date of birth."));
        }
        else if (date.Year < 1900 || (context.Today is { } today && date > today))
        {
            errors.Add(new(nameof(CardDraft.DateOfBirth), "dob.range", "Enter a date of birth between 1900 and today (YYYY-MM-DD)."));
        }

        return date;
    }

    private static string? Text(string? raw, string field, int maxLength, List<FieldError> errors, bool multiline = false)
    {
        var text = multiline ? TextInput.CleanMultiline(raw, field, errors) : TextInput.Clean(raw, field, errors);
        if (text is not null && text.Length > maxLength)
        {
            errors.Add(new(field, "text.too-long", $"Must be at most {maxLength} characters (it has {text.Length})."));
            return null;
        }

        return text;
    }

    private static ListItem? ListEntry(int? id, ListKind kind, string field, CardValidationContext context, List<FieldError> errors)
    {
        if (id is null)
        {
            return null;
        }

        if (context.ListItems.TryGetValue(id.Value, out var item) && item.Kind == kind
            && (item.IsActive || context.ListIdsAlreadyOnCard.Contains(item.Id)))
        {
            return item;
        }

        var listName = ListNames.Singular(kind);
        var article = "aeiou".Contains(listName[0], StringComparison.Ordinal) ? "an" : "a";
        errors.Add(new(field, "list.unknown", $"Choose {article} {listName} from the list."));
        return null;
    }

    private static List<ValidContactPoint> Contacts(List<ContactPointDraft> drafts, ContactKind kind, string region, List<FieldError> errors, bool regionIsOnlyADefault = false)
    {
        var result = new List<ValidContactPoint>();
        var present = drafts.Select((d, i) => (Draft: d, Index: i)).Where(x => !string.IsNullOrWhiteSpace(x.Draft.Value)).ToList();
        if (present.Count > ContactPoint.MaxPerKind)
        {
            errors.Add(new(kind == ContactKind.Phone ? nameof(CardDraft.Phones) : nameof(CardDraft.Emails), "contact.too-many", $"A card can hold at most {ContactPoint.MaxPerKind} of these."));
            return result;
        }

        foreach (var (draft, index) in present)
        {
            var field = kind == ContactKind.Phone ? CardDraft.PhoneField(index) : CardDraft.EmailField(index);
            string? value = null;
            if ((TextInput.Check(field, draft.Value) ?? TextInput.Check(field, draft.Label)) is { } refused)
            {
                errors.Add(refused);
                continue;
            }

            if (kind == ContactKind.Phone)
            {
                var read = PhoneNumber.Read(draft.Value, region, regionIsOnlyADefault);
                if (read.Phone is { } phone)
                {
                    value = phone.E164;
                }
                else
                {
                    errors.Add(new(field, read.Code!, read.Message!));
                }
            }
            else if (EmailAddress.TryParse(draft.Value, out var email, out var error))
            {
                value = email!.Value;
            }
            else
            {
                errors.Add(new(field, "email.invalid", error!));
            }

            var label = TextNormalizer.Clean(draft.Label) ?? (kind == ContactKind.Phone ? "Mobile" : "Work");
            if (label.Length > ContactPoint.LabelMaxLength)
            {
                errors.Add(new(field, "label.too-long", $"The label must be at most {ContactPoint.LabelMaxLength} characters."));
            }

            if (value is null)
            {
                continue;
            }

            if (result.Any(r => r.Value == value))
            {
                errors.Add(new(field, "contact.duplicate", "This card already has this value."));
                continue;
            }

            result.Add(new ValidContactPoint(draft.Id, kind, label, value, draft.IsPrimary));
        }

        var primaries = result.Count(r => r.IsPrimary);
        if (primaries > 1)
        {
            errors.Add(new(kind == ContactKind.Phone ? nameof(CardDraft.Phones) : nameof(CardDraft.Emails), "contact.many-primary", "Mark only one as primary."));
        }
        else if (primaries == 0 && result.Count > 0)
        {
            // The first one is primary unless the user chose another.
            result[0] = result[0] with { IsPrimary = true };
        }

        return result;
    }
}
