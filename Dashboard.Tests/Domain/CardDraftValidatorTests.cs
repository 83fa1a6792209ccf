using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

public sealed class CardDraftValidatorTests
{
    private readonly ValidationContextBuilder _context = new();

    [Fact]
    public void IndividualWithoutName_AsksForTheName()
    {
        var errors = Reject(CardDraftBuilder.Individual(name: "   ").WithCompany("Acme"));

        var error = Assert.Single(errors);
        Assert.Equal((nameof(CardDraft.Name), "name.required"), (error.Field, error.Code));
    }

    [Fact]
    public void CompanyWithoutCompanyName_AsksForTheCompany()
    {
        var errors = Reject(CardDraftBuilder.Company(company: null).WithName("王小明"));

        var error = Assert.Single(errors);
        Assert.Equal((nameof(CardDraft.Company), "company.required"), (error.Field, error.Code));
    }

    [Fact]
    public void CompanyWithoutContactPerson_IsValidAndShownByCompanyName()
    {
        var values = Accept(CardDraftBuilder.Company("  上海星辰贸易有限公司 "));

        Assert.Null(values.Name);
        Assert.Equal("上海星辰贸易有限公司", values.DisplayName);
    }

    [Fact]
    public void NamesAndText_AreStoredCleaned()
    {
        var values = Accept(CardDraftBuilder.Individual("  王\u3000小明 ").WithTitle(" Sales   Director ").WithAddress(" 上海市\r\n浦东新区 "));

        Assert.Equal("王 小明", values.Name);
        Assert.Equal("Sales Director", values.Title);
        Assert.Equal("上海市\n浦东新区", values.Address);
    }

    [Fact]
    public void NameLongerThanTheLimit_IsRejectedOnTheNameField()
    {
        var errors = Reject(CardDraftBuilder.Individual(new string('王', CustomerCard.NameMaxLength + 1)));

        var error = Assert.Single(errors);
        Assert.Equal((nameof(CardDraft.Name), "text.too-long"), (error.Field, error.Code));
    }

    [Fact]
    public void PhonesAndEmails_AreStoredNormalised()
    {
        var values = Accept(CardDraftBuilder.Individual()
            .WithPhone("138 1234 5678", " Mobile ")
            .WithEmail(" Wang.XM@Example.COM "));

        Assert.Collection(values.ContactPoints,
            p => Assert.Equal((ContactKind.Phone, "Mobile", "+8613812345678"), (p.Kind, p.Label, p.Value)),
            e => Assert.Equal((ContactKind.Email, "Work", "wang.xm@example.com"), (e.Kind, e.Label, e.Value)));
    }

    [Fact]
    public void PhoneWithoutCountryCode_IsReadInTheConfiguredRegion()
    {
        _context.WithPhoneRegion("US");

        var values = Accept(CardDraftBuilder.Individual().WithPhone("(650) 253-0000"));

        Assert.Equal("+16502530000", Assert.Single(values.ContactPoints).Value);
    }

    [Fact]
    public void MalformedPhone_IsReportedOnThatPhone()
    {
        var errors = Reject(CardDraftBuilder.Individual().WithPhone("138 1234 5678").WithPhone("12345"));

        var error = Assert.Single(errors);
        Assert.Equal((CardDraft.PhoneField(1), "phone.invalid"), (error.Field, error.Code));
        Assert.Contains("12345", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedEmail_IsReportedOnThatEmail()
    {
        var errors = Reject(CardDraftBuilder.Individual().WithEmail("wang@example"));

        var error = Assert.Single(errors);
        Assert.Equal((CardDraft.EmailField(0), "email.invalid"), (error.Field, error.Code));
    }

    [Fact]
    public void SamePhoneTypedTwiceInDifferentFormats_IsReportedAsDuplicate()
    {
        var errors = Reject(CardDraftBuilder.Individual().WithPhone("138 1234 5678").WithPhone("+86 138-1234-5678", "Home"));

        var error = Assert.Single(errors);
        Assert.Equal((CardDraft.PhoneField(1), "contact.duplicate"), (error.Field, error.Code));
    }

    [Fact]
    public void SameEmailTypedTwiceInDifferentCase_IsReportedAsDuplicate()
    {
        var errors = Reject(CardDraftBuilder.Individual().WithEmail("wang@example.com").WithEmail("WANG@Example.com"));

        Assert.Equal((CardDraft.EmailField(1), "contact.duplicate"), (Assert.Single(errors).Field, errors[0].Code));
    }

    [Fact]
    public void TwoPrimaryPhones_AreRejected()
    {
        var errors = Reject(CardDraftBuilder.Individual().WithPhone("13812345678", primary: true).WithPhone("13987654321", primary: true));

        var error = Assert.Single(errors);
        Assert.Equal((nameof(CardDraft.Phones), "contact.many-primary"), (error.Field, error.Code));
    }

    [Fact]
    public void WithoutAChosenPrimary_TheFirstOfEachKindBecomesPrimary()
    {
        var values = Accept(CardDraftBuilder.Individual()
            .WithPhone("13812345678").WithPhone("13987654321")
            .WithEmail("a@example.com").WithEmail("b@example.com"));

        Assert.Equal(["+8613812345678", "a@example.com"], values.ContactPoints.Where(p => p.IsPrimary).Select(p => p.Value));
    }

    [Fact]
    public void ChosenPrimary_IsKept()
    {
        var values = Accept(CardDraftBuilder.Individual().WithPhone("13812345678").WithPhone("13987654321", primary: true));

        Assert.Equal("+8613987654321", Assert.Single(values.ContactPoints, p => p.IsPrimary).Value);
    }

    [Fact]
    public void BlankContactRows_AreIgnored()
    {
        var values = Accept(CardDraftBuilder.Individual().WithPhone("  ").WithPhone("13812345678").WithEmail(null));

        var phone = Assert.Single(values.ContactPoints);
        Assert.True(phone.IsPrimary);
    }

    [Fact]
    public void MoreContactPointsThanAllowed_AreRejected()
    {
        var draft = CardDraftBuilder.Individual();
        for (var i = 0; i <= ContactPoint.MaxPerKind; i++)
        {
            draft.WithEmail($"user{i}@example.com");
        }

        Assert.Equal("contact.too-many", Assert.Single(Reject(draft)).Code);
    }

    [Fact]
    public void ChosenListEntries_AreResolved()
    {
        var industry = _context.AddListItem(ListKind.Industry, "Retail");
        var region = _context.AddListItem(ListKind.Region, "East China");
        var interest = _context.AddListItem(ListKind.Interest, "Discounts & promotions");
        var tag = _context.AddTag("Key account");

        var values = Accept(CardDraftBuilder.Individual().InIndustry(industry).InRegion(region).WithInterests(interest, interest).WithTags(tag));

        Assert.Equal("Retail", values.Industry!.Name);
        Assert.Equal("East China", values.Region!.Name);
        Assert.Equal("Discounts & promotions", Assert.Single(values.Interests).Name);
        Assert.Equal("Key account", Assert.Single(values.Tags).Name);
    }

    [Fact]
    public void UnknownListId_IsRejectedOnItsField()
    {
        var errors = Reject(CardDraftBuilder.Individual().InIndustry(999).FromSource(998));

        Assert.Equal(
            [(nameof(CardDraft.IndustryId), "list.unknown"), (nameof(CardDraft.SourceChannelId), "list.unknown")],
            errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void EntryFromAnotherList_IsRejected()
    {
        var region = _context.AddListItem(ListKind.Region, "East China");

        var error = Assert.Single(Reject(CardDraftBuilder.Individual().InIndustry(region)));

        Assert.Equal((nameof(CardDraft.IndustryId), "Choose an industry from the list."), (error.Field, error.Message));
    }

    [Fact]
    public void UnknownTag_IsRejected()
    {
        Assert.Equal((nameof(CardDraft.TagIds), "tag.unknown"), Single(Reject(CardDraftBuilder.Individual().WithTags(404))));
    }

    [Fact]
    public void RetiredListEntry_CannotBeChosenForACard()
    {
        var retired = _context.AddListItem(ListKind.Industry, "Telegraphy", retired: true);

        Assert.Equal((nameof(CardDraft.IndustryId), "list.unknown"), Single(Reject(CardDraftBuilder.Individual().InIndustry(retired))));
    }

    [Fact]
    public void RetiredListEntry_AlreadyOnTheCard_IsKept()
    {
        var retired = _context.AddListItem(ListKind.Interest, "Fax offers", retired: true, alreadyOnCard: true);

        var values = Accept(CardDraftBuilder.Individual().WithInterests(retired));

        Assert.Equal("Fax offers", Assert.Single(values.Interests).Name);
    }

    [Fact]
    public void RetiredTag_CannotBeChosenButIsKeptWhenAlreadyOnTheCard()
    {
        var retiredNew = _context.AddTag("Old campaign", retired: true);
        var retiredKept = _context.AddTag("Legacy VIP", retired: true, alreadyOnCard: true);

        Assert.Equal((nameof(CardDraft.TagIds), "tag.unknown"), Single(Reject(CardDraftBuilder.Individual().WithTags(retiredNew))));
        Assert.Equal("Legacy VIP", Assert.Single(Accept(CardDraftBuilder.Individual().WithTags(retiredKept)).Tags).Name);
    }

    [Fact]
    public void UnknownOwner_IsRejected()
    {
        _context.WithoutOwner();

        Assert.Equal((nameof(CardDraft.OwnerId), "owner.unknown"), Single(Reject(CardDraftBuilder.Individual())));
    }

    [Fact]
    public void RequiredCustomFieldLeftBlank_IsReportedOnThatField()
    {
        var field = _context.AddCustomField("Contract number", CustomFieldType.Text, required: true);

        var error = Assert.Single(Reject(CardDraftBuilder.Individual()));

        Assert.Equal((CardDraft.CustomField(field), "custom.invalid", "Contract number is required."), (error.Field, error.Code, error.Message));
    }

    [Fact]
    public void CustomFieldValues_AreStoredNormalised()
    {
        var size = _context.AddCustomField("Employees", CustomFieldType.Number);
        var founded = _context.AddCustomField("Founded", CustomFieldType.Date);
        var channels = _context.AddCustomField("Channels", CustomFieldType.MultiChoice, options: ["Phone", "Email", "WeChat"]);

        var values = Accept(CardDraftBuilder.Individual()
            .WithCustomField(size, " 1,200 ")
            .WithCustomField(founded, "2001-09-30")
            .WithCustomField(channels, "wechat;phone"));

        Assert.Equal(["1200", "2001-09-30", "Phone; WeChat"], values.CustomFields.Select(f => f.Value));
    }

    [Fact]
    public void InvalidCustomFieldValue_IsReportedOnThatField()
    {
        var founded = _context.AddCustomField("Founded", CustomFieldType.Date);

        var error = Assert.Single(Reject(CardDraftBuilder.Individual().WithCustomField(founded, "30/09/2001")));

        Assert.Equal(CardDraft.CustomField(founded), error.Field);
    }

    [Fact]
    public void RequiredFieldForCompanies_IsNotAskedOfIndividuals()
    {
        _context.AddCustomField("Registered capital", CustomFieldType.Number, required: true, appliesTo: CardKind.Company);

        Assert.Empty(Accept(CardDraftBuilder.Individual()).CustomFields);
        Assert.Single(Reject(CardDraftBuilder.Company()));
    }

    [Fact]
    public void RetiredCustomField_IsNeitherRequiredNorStored()
    {
        var retired = _context.AddCustomField("Fax number", CustomFieldType.Text, required: true, retired: true);

        var values = Accept(CardDraftBuilder.Individual().WithCustomField(retired, "010 1234 5678"));

        Assert.Empty(values.CustomFields);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var errors = Reject(CardDraftBuilder.Individual(name: null).WithPhone("12345").WithEmail("nope").InRegion(777));

        Assert.Equal(
            [nameof(CardDraft.Name), nameof(CardDraft.RegionId), CardDraft.PhoneField(0), CardDraft.EmailField(0)],
            errors.Select(e => e.Field));
    }

    private static (string Field, string Code) Single(IReadOnlyList<FieldError> errors)
    {
        var error = Assert.Single(errors);
        return (error.Field, error.Code);
    }

    private CardValues Accept(CardDraftBuilder draft)
    {
        var (values, errors) = CardDraftValidator.Validate(draft.Build(), _context.Build());
        Assert.Empty(errors);
        Assert.NotNull(values);
        return values;
    }

    private IReadOnlyList<FieldError> Reject(CardDraftBuilder draft)
    {
        var (values, errors) = CardDraftValidator.Validate(draft.Build(), _context.Build());
        Assert.Null(values);
        Assert.NotEmpty(errors);
        return errors;
    }
}
