using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.DemoData;

/// <summary>How many of the generated cards were made imperfect on purpose.</summary>
internal sealed class DemoDataFlaws
{
    public int Incomplete { get; set; }

    public int Stale { get; set; }

    public int NearDuplicates { get; set; }
}

/// <summary>
/// Builds demo customer cards one by one, deterministically from a seed. Every card goes through
/// <see cref="CardDraftValidator"/> and the <see cref="CustomerCard"/> methods, so it holds only what
/// the product itself would accept; its history (stages, interactions, purchases, remarks, tier) is
/// replayed in time order, all before <see cref="DemoSetting.ReferenceTime"/>.
/// </summary>
internal sealed class DemoCardFactory
{
    /// <summary>Demo phones are typed the way people in mainland China type them.</summary>
    private const string TypingRegion = "CN";
    private const decimal CnyPerUsd = 7.1m;
    private const int DuplicatePoolSize = 2000;
    private static readonly IReadOnlySet<int> NoIds = new HashSet<int>();
    private static readonly decimal[] Discounts = [1.00m, 1.00m, 0.95m, 0.90m, 0.85m, 0.80m];
    private static readonly string[] GenericMailboxes = ["info", "sales", "purchasing", "service", "contact", "office"];
    private static readonly string[] ChineseDomainEndings = [".com.cn", ".cn", ".com"];
    private static readonly string[] LeadershipWords = ["总", "董事", "Director", "Manager", "Owner", "CFO", "CTO", "Partner", "Head"];

    private readonly DemoSetting _setting;
    private readonly Random _rng;
    private readonly Random _ids;
    private uint _idSequence;

    /// <summary>Verification dates of the basic fields, drawn apart so that the rest of the data stays as it was.</summary>
    private readonly Random _verifications;
    private readonly QualityContext _quality;
    private readonly DateTime _reference;
    private readonly DateOnly _referenceDate;
    private readonly List<DuplicateSource> _duplicateSources = [];

    /// <summary>Running totals of the region weights, for weighted picks.</summary>
    private readonly int[] _regionWeights;

    public DemoCardFactory(DemoSetting setting, int seed)
    {
        _setting = setting;
        _rng = new Random(seed);
        _ids = new Random(unchecked((seed * 7919) + 104729));
        _verifications = new Random(unchecked((seed * 6007) + 31337));
        _quality = new QualityContext(setting.ListItems, setting.CustomFields);
        _reference = setting.ReferenceTime;
        _referenceDate = DateOnly.FromDateTime(setting.ReferenceTime);
        var total = 0;
        _regionWeights = setting.Regions.Select(r => total += RegionWeight(r.Name)).ToArray();
    }

    public DemoDataFlaws Flaws { get; } = new();

    public CustomerCard Build(long number)
    {
        var id = NextGuid();
        var owner = PickOwner();
        var duplicateOf = _duplicateSources.Count > 0 && Chance(0.03) ? Pick(_duplicateSources) : null;
        var duplicateByPhone = duplicateOf is not null && (duplicateOf.PhoneE164 is not null && Chance(0.5));

        // A near-duplicate describes the same customer, so it is in the same region.
        var region = duplicateOf is not null ? _setting.ListItems[duplicateOf.RegionId] : PickRegion();
        var place = PlaceFor(region);
        var incomplete = Chance(0.10);
        var stale = Chance(0.15);

        var chinese = place.City is not null ? Chance(0.88) : place.Overseas!.Country is "HK" or "TW" ? Chance(0.75) : Chance(0.12);
        var kind = duplicateOf is not null && !duplicateByPhone ? duplicateOf.Kind : Chance(0.30) ? CardKind.Company : CardKind.Individual;
        var draft = new CardDraft { Kind = kind, OwnerId = owner.Staff.Id, RegionId = region.Id };

        // Who the card is about.
        var person = NewPerson(chinese, englishName: chinese && place.City is null && Chance(0.3));
        CompanyName? company = null;
        var industry = Pick(_setting.Industries);
        var words = DemoVocabulary.Industries.GetValueOrDefault(industry.Name) ?? DemoVocabulary.GenericIndustry;
        if (kind == CardKind.Company || Chance(0.45))
        {
            company = NewCompany(chinese || (place.City is not null && Chance(0.6)), words, place);
        }

        draft.Name = kind == CardKind.Individual || Chance(0.85) ? person.Name : null;
        draft.Company = company?.Name;
        if (company is not null && draft.Name is not null && Chance(0.8))
        {
            draft.Title = person.Chinese && Chance(0.85) ? Pick(DemoVocabulary.ChineseTitles) : Pick(DemoVocabulary.EnglishTitles);
        }

        if (duplicateOf is not null && !duplicateByPhone)
        {
            draft.Name = duplicateOf.Name is null ? draft.Name : NameVariant(duplicateOf.Name);
            draft.Company = duplicateOf.Company is null ? draft.Company : CompanyVariant(duplicateOf.Company);
            chinese = duplicateOf.Chinese;
        }
        else if (duplicateOf is not null && Chance(0.7) && duplicateOf.Name is not null && (kind == CardKind.Individual || draft.Name is not null))
        {
            // Same phone and nearly the same person: typed again by another rep.
            draft.Name = NameVariant(duplicateOf.Name);
        }

        var textsInChinese = chinese ? Chance(0.85) : Chance(0.05);

        // Missing fields on purpose: no e-mail, no phone, no industry, or none of them.
        bool noEmail = false, noPhone = false, noIndustry = false;
        if (incomplete)
        {
            var roll = _rng.NextDouble();
            noEmail = roll < 0.4 || roll >= 0.9;
            noPhone = (roll >= 0.4 && roll < 0.7) || roll >= 0.9;
            noIndustry = roll >= 0.7;
            if (duplicateByPhone)
            {
                noPhone = false;
            }
        }

        draft.IndustryId = noIndustry ? null : industry.Id;
        draft.SourceChannelId = incomplete && Chance(0.3) ? null : Pick(_setting.SourceChannels).Id;
        if (!(incomplete && Chance(0.5)) && Chance(0.8))
        {
            draft.Address = Address(place, textsInChinese || (chinese && place.City is not null));
        }

        if (!noPhone)
        {
            AddPhones(draft, place, kind);
        }

        if (duplicateByPhone)
        {
            // The other card's number, typed the way a different person would, as this card's primary phone.
            var copied = duplicateOf!.PhoneE164!;
            var others = draft.Phones.Where(p => !SameNumber(p.Value, copied)).ToList();
            draft.Phones = [new ContactPointDraft { Label = Pick(DemoVocabulary.PhoneLabelsMobile), Value = RetypePhone(copied), IsPrimary = true }];
            foreach (var other in others)
            {
                other.IsPrimary = false;
                draft.Phones.Add(other);
            }
        }

        if (!noEmail)
        {
            AddEmails(draft, person, company, kind, duplicateOf is not null && !duplicateByPhone && Chance(0.3) ? duplicateOf.Email : null);
        }

        // The customer's history, decided before the card exists so that tags can follow it.
        var story = NewStory();
        var purchases = NewPurchases(story, place);
        var tier = AssessTier(purchases);

        foreach (var interest in PickSome(_setting.Interests, _rng.Next(0, 4), 0.55))
        {
            draft.InterestIds.Add(interest.Id);
        }

        draft.TagIds.AddRange(ChooseTags(draft, story, tier.Tier, chinese));
        if (story.Final != LifecycleStage.Churned && Chance(0.75))
        {
            draft.NextFollowUp = _referenceDate.AddDays(_rng.Next(-30, 61));
        }

        if (Chance(0.07))
        {
            var need = Pick(DemoVocabulary.SpecialNeeds);
            draft.SpecialNeeds = textsInChinese ? need.Cn : need.En;
        }

        FillRequiredCustomFields(draft);

        var context = new CardValidationContext(TypingRegion, _setting.ListItems, _setting.TagsById, _setting.CustomFields, owner.Staff, NoIds, NoIds);
        var (values, errors) = CardDraftValidator.Validate(draft, context);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Demo card {CardCode.Format(number)} would be rejected by the card rules: " +
                string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var card = CustomerCard.Create(id, number, values!, story.Initial, owner.Staff.Id, story.Created);
        var anyStale = MarkVerifications(card, story.Created, stale, _setting.QualityRules.Sla.DaysFor(tier.Tier));

        var events = new List<CardEvent>();
        var sequence = 0;
        foreach (var (to, at) in story.Moves)
        {
            events.Add(new(at, sequence++, c => c.MoveToStage(to, owner.Staff.Id, at)));
        }

        AddInteractionEvents(events, ref sequence, story, owner, textsInChinese);
        foreach (var purchase in purchases)
        {
            // Team leads may not record purchases; Finance does it for them (and sometimes for others).
            var recorder = owner.IsTeamLead || Chance(0.1) ? _setting.FinanceStaff.Id : owner.Staff.Id;
            var p = purchase;
            events.Add(new(p.RecordedAt, sequence++, c => c.RecordPurchase(p.Product, p.PurchasedOn, p.Quantity, p.Amount, p.Currency, recorder, p.RecordedAt)));
        }

        AddRemarkEvents(events, ref sequence, story, owner, textsInChinese);

        events.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Sequence.CompareTo(b.Sequence));
        foreach (var e in events)
        {
            e.Apply(card);
        }

        // The tier as the nightly recompute left it, and now and then a colleague's manual override.
        var last = events.Count == 0 ? story.Created : events[^1].At;
        var computedAt = Later(last, hoursMin: 1, hoursMax: 72);
        card.ApplyTierAssessment(tier, Actor.System.StaffId, computedAt);
        if (tier.Tier is { } computed && Chance(0.03))
        {
            var (overrideTier, reasons) = computed switch
            {
                CustomerTier.VIP => (CustomerTier.A, DemoVocabulary.TierDowngradeReasons),
                CustomerTier.C => (CustomerTier.B, DemoVocabulary.TierUpgradeReasons),
                _ when Chance(0.6) => (computed - 1, DemoVocabulary.TierUpgradeReasons),
                _ => (computed + 1, DemoVocabulary.TierDowngradeReasons),
            };
            var reason = Pick(reasons);
            card.SetTier(overrideTier, textsInChinese ? reason.Cn : reason.En, Review.ReviewGate.GeneratedHistory(card, overrideTier), owner.Staff.Id, Later(computedAt, hoursMin: 1, hoursMax: 72));
        }

        if (incomplete)
        {
            Flaws.Incomplete++;
        }

        if (anyStale)
        {
            Flaws.Stale++;
        }

        if (duplicateOf is not null)
        {
            Flaws.NearDuplicates++;
        }

        // The quality score as the nightly run stores it on the reference date (no duplicate suspicions exist yet).
        var facts = CardQualityFactsReader.Of(
            card, _quality, card.Purchases.Max(p => (DateOnly?)p.PurchasedOn), CardQualityFactsReader.DayOf(card.Interactions.Max(i => (DateTime?)i.OccurredAt)), suspectedDuplicate: false);
        card.ApplyQuality(QualityScorer.Score(facts, _setting.QualityRules, _referenceDate), _reference);

        Remember(card, chinese);
        return card;
    }

    // ---- Owners, regions, places -------------------------------------------------------------

    private DemoOwner PickOwner()
    {
        var roll = _rng.Next(_setting.TotalOwnerWeight);
        foreach (var owner in _setting.Owners)
        {
            if (roll < owner.Weight)
            {
                return owner;
            }

            roll -= owner.Weight;
        }

        return _setting.Owners[^1];
    }

    private ListItem PickRegion()
    {
        var roll = _rng.Next(_regionWeights[^1]);
        for (var i = 0; i < _regionWeights.Length; i++)
        {
            if (roll < _regionWeights[i])
            {
                return _setting.Regions[i];
            }
        }

        return _setting.Regions[^1];
    }

    /// <summary>Where customers are: mostly the big mainland regions, a few overseas.</summary>
    private static int RegionWeight(string name) => name switch
    {
        "East China" => 28,
        "North China" => 18,
        "South China" => 18,
        "Central China" => 9,
        "Southwest China" => 8,
        "Northwest China" => 4,
        "Northeast China" => 4,
        "Hong Kong SAR" => 3,
        "Taiwan" => 2,
        "Other" => 1,
        _ => 2,
    };

    private Place PlaceFor(ListItem region)
    {
        if (DemoVocabulary.OverseasPlaces.TryGetValue(region.Name, out var overseas))
        {
            return new Place(null, Pick(overseas));
        }

        var cities = DemoVocabulary.MainlandCities.GetValueOrDefault(region.Name) ?? DemoVocabulary.MainlandCities["East China"];
        return new Place(Pick(cities), null);
    }

    // ---- People and companies ------------------------------------------------------------------

    private Person NewPerson(bool chinese, bool englishName)
    {
        if (chinese)
        {
            // Common family names come up more often.
            var families = DemoVocabulary.FamilyNames;
            var family = families[(int)(families.Length * Math.Pow(_rng.NextDouble(), 1.8))];
            if (englishName)
            {
                var first = Pick(DemoVocabulary.EnglishFirstNames);
                var last = char.ToUpperInvariant(family.Pinyin[0]) + family.Pinyin[1..];
                return new Person($"{first} {last}", Slug(first), family.Pinyin, Chinese: true);
            }

            var given = Pick(DemoVocabulary.GivenNames);
            return new Person(family.Hanzi + given.Hanzi, given.Pinyin, family.Pinyin, Chinese: true);
        }

        var firstName = Pick(DemoVocabulary.EnglishFirstNames);
        var lastName = Pick(DemoVocabulary.EnglishLastNames);
        return new Person($"{firstName} {lastName}", Slug(firstName), Slug(lastName), Chinese: false);
    }

    private CompanyName NewCompany(bool chinese, IndustryWords words, Place place)
    {
        if (chinese)
        {
            var brand = Pick(DemoVocabulary.ChineseBrands);
            var prefix = place.City is not null && Chance(0.6) ? place.City.NameCn : string.Empty;
            var name = prefix + brand.Hanzi + Pick(words.Chinese) + Pick(DemoVocabulary.ChineseCompanySuffixes);
            var domain = brand.Pinyin + (Chance(0.4) ? "-" + words.DomainHint : string.Empty) + Pick(ChineseDomainEndings);
            return new CompanyName(name, domain);
        }

        var english = Pick(DemoVocabulary.EnglishBrands);
        var full = $"{english} {Pick(words.English)} {Pick(DemoVocabulary.EnglishCompanySuffixes)}";
        var ending = place.Overseas is { } overseas ? "." + overseas.CompanyDomain : Chance(0.5) ? ".com" : ".com.cn";
        return new CompanyName(full, Slug(english) + (Chance(0.3) ? words.DomainHint : string.Empty) + ending);
    }

    private string NameVariant(string name)
    {
        if (name.Any(c => c > 0x2E80))
        {
            // 王小明 → 王 小明, or the traditional form 王曉明.
            var traditional = new string(name.Select(c => DemoVocabulary.TraditionalForms.GetValueOrDefault(c, c)).ToArray());
            if (traditional != name && Chance(0.6))
            {
                return traditional;
            }

            return name.Contains(' ', StringComparison.Ordinal) ? name.Replace(" ", string.Empty, StringComparison.Ordinal) : name[..1] + " " + name[1..];
        }

        var parts = name.Split(' ');
        if (parts.Length >= 2 && DemoVocabulary.Nicknames.TryGetValue(parts[0], out var nickname) && Chance(0.6))
        {
            return nickname + " " + string.Join(' ', parts[1..]);
        }

        return _rng.Next(3) switch
        {
            0 => name.ToLowerInvariant(),
            1 when parts.Length >= 2 => $"{parts[0]} {(char)('A' + _rng.Next(26))}. {string.Join(' ', parts[1..])}",
            _ => SwapLetters(name),
        };
    }

    private string SwapLetters(string text)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var i = _rng.Next(1, Math.Max(2, text.Length - 2));
            if (i + 1 < text.Length && char.IsLetter(text[i]) && char.IsLetter(text[i + 1]) && text[i] != text[i + 1])
            {
                var chars = text.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                return new string(chars);
            }
        }

        return text + ".";
    }

    private string CompanyVariant(string company)
    {
        (string From, string To)[] swaps =
        [
            ("股份有限公司", "有限公司"), ("集团有限公司", "有限公司"), ("有限公司", "股份有限公司"),
            ("Co., Ltd.", "Company Limited"), ("Pte. Ltd.", "Pte Ltd"), ("Ltd.", "Limited"), ("Limited", "Ltd"), ("Inc.", "Incorporated"),
            ("LLC", "L.L.C."), ("Corp.", "Corporation"), ("GmbH", "G.m.b.H."), ("Group", "Grp."),
        ];
        foreach (var (from, to) in swaps)
        {
            if (company.EndsWith(from, StringComparison.Ordinal))
            {
                return company[..^from.Length] + to;
            }
        }

        return company + (company.Any(c => c > 0x2E80) ? "（总部）" : " (HQ)");
    }

    // ---- Contact points --------------------------------------------------------------------------

    private void AddPhones(CardDraft draft, Place place, CardKind kind)
    {
        var e164s = new List<string>();
        void Add(string label, (string Typed, string E164)? phone, bool primary = false)
        {
            if (phone is { } p && !e164s.Contains(p.E164))
            {
                e164s.Add(p.E164);
                draft.Phones.Add(new ContactPointDraft { Label = label, Value = p.Typed, IsPrimary = primary });
            }
        }

        if (place.Overseas is { } overseas)
        {
            Add(Pick(DemoVocabulary.PhoneLabelsMobile), OverseasPhone(overseas));
            if (Chance(0.15))
            {
                Add(Pick(DemoVocabulary.PhoneLabelsMobile), OverseasPhone(overseas));
            }

            return;
        }

        var city = place.City!;
        if (kind == CardKind.Company)
        {
            if (Chance(0.6))
            {
                Add(Pick(DemoVocabulary.CompanyLandlineLabels), Landline(city));
            }

            if (draft.Phones.Count == 0 || Chance(0.7))
            {
                Add(Pick(DemoVocabulary.PhoneLabelsMobile), Mobile(), primary: draft.Phones.Count > 0 && Chance(0.3));
            }

            return;
        }

        Add(Pick(DemoVocabulary.PhoneLabelsMobile), Mobile());
        if (Chance(0.08))
        {
            Add(Pick(DemoVocabulary.PhoneLabelsMobile), Mobile());
        }

        if (Chance(0.12))
        {
            Add(Pick(DemoVocabulary.PhoneLabelsLandline), Landline(city), primary: Chance(0.1));
        }
    }

    private (string Typed, string E164) Mobile()
    {
        var national = Pick(DemoVocabulary.MobilePrefixes) + _rng.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        return (TypeMobile(national), "+86" + national);
    }

    private string TypeMobile(string national) => _rng.Next(7) switch
    {
        0 or 1 => national,
        2 => $"{national[..3]} {national[3..7]} {national[7..]}",
        3 => $"+86 {national[..3]} {national[3..7]} {national[7..]}",
        4 => $"+86-{national}",
        5 => $"{national[..3]}-{national[3..7]}-{national[7..]}",
        _ => $"0086 {national}",
    };

    private (string Typed, string E164)? Landline(DemoCity city)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var local = _rng.Next(2, 9).ToString(CultureInfo.InvariantCulture) + _rng.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            var typed = _rng.Next(4) switch
            {
                0 => $"{city.AreaCode}-{local[..4]} {local[4..]}",
                1 => $"({city.AreaCode}) {local}",
                2 => $"+86 {city.AreaCode[1..]} {local}",
                _ => $"{city.AreaCode}{local}",
            };
            if (PhoneNumber.TryParse(typed, TypingRegion, out var phone, out _))
            {
                return (typed, phone!.E164);
            }
        }

        return null;
    }

    private (string Typed, string E164)? OverseasPhone(OverseasPlace place)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var pattern = Pick(place.PhonePatterns);
            var typed = new StringBuilder(pattern.Length);
            foreach (var c in pattern)
            {
                typed.Append(c == '#' ? (char)('0' + _rng.Next(10)) : c);
            }

            var text = typed.ToString();
            if (PhoneNumber.TryParse(text, TypingRegion, out var phone, out _))
            {
                return (text, phone!.E164);
            }
        }

        return null;
    }

    /// <summary>The same number as another card's, typed the way a different person would.</summary>
    private string RetypePhone(string e164) =>
        e164.StartsWith("+861", StringComparison.Ordinal) && e164.Length == 14 ? TypeMobile(e164[3..]) : e164;

    private static bool SameNumber(string? typed, string e164) =>
        typed is not null && PhoneNumber.NormalizeOrNull(typed, TypingRegion) == e164;

    private void AddEmails(CardDraft draft, Person person, CompanyName? company, CardKind kind, string? copied)
    {
        var addresses = new List<(string Address, bool Work)>();
        if (copied is not null)
        {
            addresses.Add((Chance(0.5) ? copied.ToUpperInvariant() : copied, company is not null && copied.EndsWith(company.Domain, StringComparison.OrdinalIgnoreCase)));
        }
        else if (kind == CardKind.Company && (draft.Name is null || Chance(0.25)))
        {
            addresses.Add(($"{Pick(GenericMailboxes)}@{company!.Domain}", true));
        }
        else if (company is not null && Chance(0.65))
        {
            addresses.Add(($"{WorkLocalPart(person)}@{company.Domain}", true));
        }
        else if (Chance(0.85))
        {
            addresses.Add((PersonalEmail(person), false));
        }

        if (addresses.Count > 0 && Chance(0.15))
        {
            addresses.Add((PersonalEmail(person), false));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (address, work) in addresses)
        {
            if (seen.Add(address))
            {
                // A few are typed with capitals; validation lower-cases them.
                var typed = Chance(0.08) ? CapitaliseLocalPart(address) : address;
                var label = Pick(work ? DemoVocabulary.WorkEmailLabels : DemoVocabulary.PersonalEmailLabels);
                draft.Emails.Add(new ContactPointDraft { Label = label, Value = typed });
            }
        }
    }

    private string WorkLocalPart(Person person) => _rng.Next(4) switch
    {
        0 => $"{person.First}.{person.Last}",
        1 => $"{person.First[0]}{person.Last}",
        2 => person.Chinese ? $"{person.Last}{person.First}" : $"{person.First}{person.Last[0]}",
        _ => person.First,
    };

    private string PersonalEmail(Person person)
    {
        if (person.Chinese && Chance(0.3))
        {
            return $"{_rng.Next(10_000, 2_000_000_000)}@qq.com";
        }

        var suffix = Chance(0.5) ? string.Empty : _rng.Next(3) switch
        {
            0 => _rng.Next(1960, 2005).ToString(CultureInfo.InvariantCulture),
            1 => _rng.Next(10, 100).ToString(CultureInfo.InvariantCulture),
            _ => "_" + _rng.Next(1, 1000).ToString(CultureInfo.InvariantCulture),
        };
        var local = _rng.Next(3) switch
        {
            0 => $"{person.First}.{person.Last}",
            1 => $"{person.Last}{person.First}",
            _ => $"{person.First}{person.Last[0]}",
        };
        var domain = person.Chinese ? Pick(DemoVocabulary.PersonalMailDomains) : Pick(DemoVocabulary.EnglishMailDomains);
        return $"{local}{suffix}@{domain}";
    }

    private static string CapitaliseLocalPart(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return char.ToUpperInvariant(address[0]) + address[1..at] + address[at..].ToUpperInvariant();
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            switch (c)
            {
                case >= 'a' and <= 'z' or >= '0' and <= '9':
                    builder.Append(c);
                    break;
                case 'ü':
                    builder.Append("ue");
                    break;
                case 'ö':
                    builder.Append("oe");
                    break;
                case 'ä':
                    builder.Append("ae");
                    break;
                case 'é' or 'è':
                    builder.Append('e');
                    break;
            }
        }

        return builder.Length == 0 ? "contact" : builder.ToString();
    }

    private string Address(Place place, bool chinese)
    {
        if (place.Overseas is { } overseas)
        {
            return Pick(overseas.Addresses);
        }

        var city = place.City!;
        var number = _rng.Next(1, 1500);
        if (chinese)
        {
            var room = Chance(0.5) ? $"{(char)('A' + _rng.Next(4))} 座 {_rng.Next(2, 30)}{_rng.Next(1, 20):D2} 室" : string.Empty;
            return $"{city.NameCn}市{Pick(city.Streets)} {number} 号{room}";
        }

        var unit = Chance(0.5) ? $"Room {_rng.Next(2, 30)}{_rng.Next(1, 20):D2}, " : string.Empty;
        return $"{unit}{number} {Pick(city.StreetsEn)}, {city.NameEn}";
    }

    /// <summary>
    /// When the contact points and basic fields were last verified: within the tier's verification SLA, or for stale cards
    /// more than a year ago or never.
    /// </summary>
    private bool MarkVerifications(CustomerCard card, DateTime created, bool stale, int slaDays)
    {
        var createdOn = DateOnly.FromDateTime(created);
        var yearAgo = _referenceDate.AddDays(-366);
        var freshFrom = createdOn > _referenceDate.AddDays(-slaDays) ? createdOn : _referenceDate.AddDays(-slaDays);
        var anyStale = false;
        DateOnly? basicsOn = stale
            ? createdOn < yearAgo && _verifications.NextDouble() < 0.5 ? createdOn.AddDays(_verifications.Next(yearAgo.DayNumber - createdOn.DayNumber + 1)) : null
            : freshFrom.AddDays(_verifications.Next(_referenceDate.DayNumber - freshFrom.DayNumber));
        if (basicsOn is { } on)
        {
            var basics = new[] { (QualityFields.Name, card.Name), (QualityFields.Company, card.Company), (QualityFields.Title, card.Title), (QualityFields.Address, card.Address) };
            card.MarkVerified(basics.Where(b => b.Item2 is not null).Select(b => b.Item1).ToList(), [], on, card.CreatedBy, created);
        }

        foreach (var point in card.ContactPoints)
        {
            if (stale)
            {
                anyStale = true;
                if (createdOn < yearAgo && Chance(0.5))
                {
                    point.MarkVerified(DateBetween(createdOn, yearAgo));
                }

                // Otherwise never verified.
                continue;
            }

            point.MarkVerified(DateBetween(freshFrom, _referenceDate.AddDays(-1)));
        }

        return anyStale;
    }

    // ---- History ---------------------------------------------------------------------------------

    private Story NewStory()
    {
        // Newer cards are a little more common: the customer base grows.
        var daysAgo = 2 + (int)(728 * Math.Pow(_rng.NextDouble(), 1.25));
        var created = WorkTime(_referenceDate.AddDays(-daysAgo));
        var stage = Chance(0.7) ? LifecycleStage.Prospect : LifecycleStage.New;
        var story = new Story(created, stage);
        var at = created;
        while (story.Moves.Count < 8)
        {
            var (minDays, maxDays) = stage switch
            {
                LifecycleStage.Prospect => (5, 120),
                LifecycleStage.New => (14, 90),
                LifecycleStage.Active => (60, 420),
                LifecycleStage.AtRisk => (30, 240),
                _ => (60, 400),
            };
            var next = NextStage(stage);
            var when = WorkTime(DateOnly.FromDateTime(at).AddDays(_rng.Next(minDays, maxDays + 1)));
            if (next is null || DateOnly.FromDateTime(when) >= _referenceDate)
            {
                break;
            }

            story.Periods.Add((stage, at, when));
            story.Moves.Add((next.Value, when));
            stage = next.Value;
            at = when;
        }

        story.Periods.Add((stage, at, _reference));
        story.Final = stage;
        story.ContactEnd = stage == LifecycleStage.Churned ? at : _reference;
        return story;
    }

    /// <summary>The next stage in a customer's life, or null when it stays where it is.</summary>
    private LifecycleStage? NextStage(LifecycleStage from)
    {
        var roll = _rng.NextDouble();
        LifecycleStage? next = from switch
        {
            LifecycleStage.Prospect => roll < 0.62 ? LifecycleStage.New : roll < 0.77 ? LifecycleStage.Churned : null,
            LifecycleStage.New => roll < 0.80 ? LifecycleStage.Active : roll < 0.90 ? LifecycleStage.AtRisk : roll < 0.95 ? LifecycleStage.Churned : null,
            LifecycleStage.Active => roll < 0.45 ? LifecycleStage.AtRisk : roll < 0.52 ? LifecycleStage.Churned : null,
            LifecycleStage.AtRisk => roll < 0.35 ? LifecycleStage.Active : roll < 0.65 ? LifecycleStage.Churned : null,
            _ => roll < 0.22 ? LifecycleStage.Active : null,
        };
        if (next is { } stage && !LifecycleRules.CanMove(from, stage))
        {
            throw new InvalidOperationException($"Demo lifecycle chose a move the rules forbid: {from} → {stage}.");
        }

        return next;
    }

    private List<DemoPurchase> NewPurchases(Story story, Place place)
    {
        var purchases = new List<DemoPurchase>();
        var periods = story.Periods.Where(p => p.Stage is LifecycleStage.New or LifecycleStage.Active or LifecycleStage.AtRisk).ToList();
        if (periods.Count == 0)
        {
            return purchases;
        }

        static double Weight(LifecycleStage stage) => stage == LifecycleStage.AtRisk ? 0.4 : 1.0;
        var weightedDays = periods.Sum(p => (p.To - p.From).TotalDays * Weight(p.Stage));
        var keyAccount = Chance(0.08);
        var daysPerPurchase = keyAccount ? _rng.Next(20, 46) : _rng.Next(35, 200);
        var count = Math.Clamp((int)Math.Round(weightedDays / daysPerPurchase), 1, 24);
        var basket = PickSome(DemoVocabulary.Products, _rng.Next(1, 4), 1.0);
        var usd = place.Overseas is not null ? Chance(0.7) : Chance(0.03);

        var times = new List<DateTime>(count);
        if (story.Initial == LifecycleStage.New)
        {
            // A card that starts as New was created because of a first order.
            times.Add(story.Created.AddMinutes(_rng.Next(30, 181)));
        }

        while (times.Count < count)
        {
            var point = _rng.NextDouble() * weightedDays;
            foreach (var (stage, from, to) in periods)
            {
                var length = (to - from).TotalDays * Weight(stage);
                if (point <= length)
                {
                    times.Add(TimeBetween(from, to));
                    break;
                }

                point -= length;
            }
        }

        foreach (var time in times)
        {
            var product = Pick(basket);
            var scale = keyAccount ? _rng.Next(2, 5) : 1;
            var quantity = product.HalfUnits
                ? (1 + _rng.Next(2 * product.MaxQuantity * scale)) / 2m
                : 1 + (int)(product.MaxQuantity * scale * Math.Pow(_rng.NextDouble(), 2));
            if (quantity <= 0)
            {
                quantity = 0.5m;
            }

            var amountCny = Math.Round(quantity * product.UnitPriceCny * Pick(Discounts), 2);
            var recordedAt = Later(time, hoursMin: 1, hoursMax: 48);
            purchases.Add(new DemoPurchase(
                product.Name,
                DateOnly.FromDateTime(time),
                quantity,
                usd ? Math.Round(amountCny / CnyPerUsd, 2) : amountCny,
                usd ? "USD" : "CNY",
                recordedAt));
        }

        return purchases;
    }

    /// <summary>The tier the purchases give on the reference date, by the same calculator and rules as a recompute.</summary>
    private TierAssessment AssessTier(List<DemoPurchase> purchases)
    {
        var figures = TierFigures.Of(
            purchases.Select(p => (p.PurchasedOn, Purchase.ToMinorUnits(p.Amount), p.Currency)),
            _setting.TierRules.WindowStart(_referenceDate),
            _setting.ReportingCurrency);
        return TierCalculator.Assess(figures, _referenceDate, _setting.TierRules);
    }

    private void AddInteractionEvents(List<CardEvent> events, ref int sequence, Story story, DemoOwner owner, bool chinese)
    {
        var days = Math.Max(1, (story.ContactEnd - story.Created).TotalDays);
        var everCustomer = story.Periods.Any(p => p.Stage != LifecycleStage.Prospect && p.Stage != LifecycleStage.Churned);
        var everAtRisk = story.Periods.Any(p => p.Stage == LifecycleStage.AtRisk);
        var count = everCustomer
            ? Math.Clamp((int)Math.Round(days / _rng.Next(35, 161)), 1, 24)
            : _rng.Next(1, 5);
        var team = owner.Staff.TeamId is { } teamId ? _setting.TeamMembers.GetValueOrDefault(teamId) : null;

        for (var i = 0; i < count; i++)
        {
            var kind = InteractionKindFor(everAtRisk);
            var summaries = DemoVocabulary.InteractionSummaries[(int)kind];
            var summary = Pick(summaries);
            string? outcome = null;
            if (Chance(kind == InteractionKind.Feedback ? 0.3 : 0.7))
            {
                var o = Pick(DemoVocabulary.Outcomes);
                outcome = chinese ? o.Cn : o.En;
            }

            var occurredAt = TimeBetween(story.Created, story.ContactEnd);
            var loggedAt = Later(occurredAt, hoursMin: 0, hoursMax: 4);
            var staff = team is { Count: > 1 } && Chance(0.15) ? Pick(team).Id : owner.Staff.Id;
            var text = chinese ? summary.Cn : summary.En;
            events.Add(new(loggedAt, sequence++, c => c.LogInteraction(kind, occurredAt, text, outcome, staff, loggedAt)));
        }
    }

    private InteractionKind InteractionKindFor(bool everAtRisk)
    {
        var complaintWeight = everAtRisk ? 12 : 4;
        var roll = _rng.Next(100 + complaintWeight);
        return roll switch
        {
            < 34 => InteractionKind.Call,
            < 58 => InteractionKind.Email,
            < 72 => InteractionKind.Meeting,
            < 89 => InteractionKind.Chat,
            < 100 => InteractionKind.Feedback,
            _ => InteractionKind.Complaint,
        };
    }

    private void AddRemarkEvents(List<CardEvent> events, ref int sequence, Story story, DemoOwner owner, bool chinese)
    {
        var roll = _rng.NextDouble();
        var count = roll < 0.40 ? 0 : roll < 0.75 ? 1 : roll < 0.92 ? 2 : 3;
        var team = owner.Staff.TeamId is { } teamId ? _setting.TeamMembers.GetValueOrDefault(teamId) : null;
        for (var i = 0; i < count; i++)
        {
            var remark = Pick(DemoVocabulary.Remarks);
            var text = chinese ? remark.Cn : remark.En;
            var at = TimeBetween(story.Created, _reference);
            var author = team is { Count: > 1 } && Chance(0.2) ? Pick(team).Id : owner.Staff.Id;
            var holder = new Remark[1];
            events.Add(new(at, sequence++, c => holder[0] = c.AddRemark(text, author, at)));

            if (Chance(0.06))
            {
                // Edited later: the earlier text is kept as a version.
                var correction = Pick(DemoVocabulary.RemarkCorrections);
                var other = Pick(DemoVocabulary.Remarks);
                var edited = (chinese ? correction.Cn + other.Cn : correction.En + other.En) + (chinese ? "。" : ". ") + text;
                var end = at.AddDays(30) < _reference ? at.AddDays(30) : _reference;
                var editedAt = TimeBetween(at, end);
                events.Add(new(editedAt, sequence++, c => c.EditRemark(holder[0].Id, edited, author, editedAt)));
            }
        }
    }

    private List<int> ChooseTags(CardDraft draft, Story story, CustomerTier? tier, bool chinese)
    {
        var chosen = new List<int>();
        void Maybe(string name, double chance)
        {
            if (_setting.TagsByName.TryGetValue(name, out var tag) && Chance(chance) && !chosen.Contains(tag.Id))
            {
                chosen.Add(tag.Id);
            }
        }

        var sourceName = draft.SourceChannelId is { } sourceId ? _setting.ListItems[sourceId].Name : null;
        Maybe("Key account", tier is CustomerTier.VIP or CustomerTier.A ? 0.7 : 0.01);
        Maybe("Decision maker", draft.Title is { } title && LeadershipWords.Any(w => title.Contains(w, StringComparison.OrdinalIgnoreCase)) ? 0.35 : 0.02);
        Maybe("Partner", sourceName == "Partner" ? 0.5 : 0.02);
        Maybe("Price sensitive", 0.12);
        Maybe("Needs invoice", draft.Kind == CardKind.Company ? 0.25 : 0.03);
        Maybe("Prefers WeChat", chinese ? 0.15 : 0.01);
        Maybe("Payment overdue", story.Final == LifecycleStage.AtRisk ? 0.35 : story.Final == LifecycleStage.Prospect ? 0 : 0.03);
        Maybe("Competitor contact", story.Final is LifecycleStage.AtRisk or LifecycleStage.Churned ? 0.3 : 0.03);

        if (chosen.Count == 0 && _setting.TagsByName.Count == 0 && _setting.ActiveTags.Count > 0 && Chance(0.2))
        {
            // The seeded tags were renamed: still put a few of whatever exists on cards.
            chosen.Add(Pick(_setting.ActiveTags).Id);
        }

        return chosen;
    }

    private void FillRequiredCustomFields(CardDraft draft)
    {
        foreach (var field in _setting.CustomFields.Where(f => f.IsRequired && f.AppliesToKind(draft.Kind)))
        {
            draft.CustomFields[field.Id] = field.Type switch
            {
                CustomFieldType.Number => _rng.Next(1, 1000).ToString(CultureInfo.InvariantCulture),
                CustomFieldType.Date => DateBetween(_referenceDate.AddDays(-700), _referenceDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CustomFieldType.SingleChoice or CustomFieldType.MultiChoice when field.Options.Count > 0 => Pick(field.Options),
                _ => "Demo",
            };
        }
    }

    // ---- Duplicates ---------------------------------------------------------------------------------

    private void Remember(CustomerCard card, bool chinese)
    {
        var phone = card.ContactPoints.FirstOrDefault(p => p.Kind == ContactKind.Phone && p.IsPrimary)?.Value;
        var email = card.ContactPoints.FirstOrDefault(p => p.Kind == ContactKind.Email && p.IsPrimary)?.Value;
        var source = new DuplicateSource(card.Kind, card.Name, card.Company, card.RegionId!.Value, phone, email, chinese);
        if (_duplicateSources.Count < DuplicatePoolSize)
        {
            _duplicateSources.Add(source);
        }
        else if (Chance(0.05))
        {
            _duplicateSources[_rng.Next(DuplicatePoolSize)] = source;
        }
    }

    // ---- Randomness and time --------------------------------------------------------------------

    /// <summary>
    /// A card id from the seed that sorts after the previous one (its first group counts the cards made), so a
    /// million inserts append to the key's index instead of landing all over a tree larger than the page cache.
    /// A version 8 (custom) UUID; the application itself makes version 7 ids, which sort by time for the same reason.
    /// </summary>
    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, ++_idSequence);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private bool Chance(double probability) => _rng.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    /// <summary>Up to <paramref name="count"/> distinct items, each kept with <paramref name="chance"/>.</summary>
    private List<T> PickSome<T>(IReadOnlyList<T> items, int count, double chance)
    {
        var result = new List<T>();
        for (var i = 0; i < count && items.Count > 0; i++)
        {
            var item = Pick(items);
            if (Chance(chance) && !result.Contains(item))
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>A time during office hours in China (09:00–18:00 UTC+8) on <paramref name="day"/>, in UTC.</summary>
    private DateTime WorkTime(DateOnly day) =>
        day.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc).AddSeconds(_rng.Next(9 * 3600));

    private DateTime TimeBetween(DateTime from, DateTime to)
    {
        if (to - from <= TimeSpan.FromHours(2))
        {
            return from + ((to - from) / 2);
        }

        var t = WorkTime(DateOnly.FromDateTime(from + ((to - from) * _rng.NextDouble())));
        if (t <= from)
        {
            t = from.AddMinutes(_rng.Next(5, 60));
        }

        if (t >= to)
        {
            t = to.AddMinutes(-_rng.Next(5, 60));
        }

        return t > from && t < to ? t : from + ((to - from) / 2);
    }

    /// <summary>A little after <paramref name="time"/>, but before the reference time.</summary>
    private DateTime Later(DateTime time, int hoursMin, int hoursMax)
    {
        var later = time.AddMinutes(_rng.Next(hoursMin * 60, (hoursMax * 60) + 1));
        if (later >= _reference)
        {
            later = time + ((_reference - time) / 2);
        }

        return later < time ? time : later;
    }

    private DateOnly DateBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_rng.Next(to.DayNumber - from.DayNumber + 1));

    // ---- Small types ------------------------------------------------------------------------------

    private sealed record Place(DemoCity? City, OverseasPlace? Overseas);

    private sealed record Person(string Name, string First, string Last, bool Chinese);

    private sealed record CompanyName(string Name, string Domain);

    private sealed record DuplicateSource(CardKind Kind, string? Name, string? Company, int RegionId, string? PhoneE164, string? Email, bool Chinese);

    private sealed record DemoPurchase(string Product, DateOnly PurchasedOn, decimal Quantity, decimal Amount, string Currency, DateTime RecordedAt);

    private sealed record CardEvent(DateTime At, int Sequence, Action<CustomerCard> Apply);

    private sealed class Story(DateTime created, LifecycleStage initial)
    {
        public DateTime Created { get; } = created;

        public LifecycleStage Initial { get; } = initial;

        public List<(LifecycleStage To, DateTime At)> Moves { get; } = [];

        public List<(LifecycleStage Stage, DateTime From, DateTime To)> Periods { get; } = [];

        public LifecycleStage Final { get; set; }

        /// <summary>When contact with the customer ended: the churn, or the reference time.</summary>
        public DateTime ContactEnd { get; set; }
    }
}
