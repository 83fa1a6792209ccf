using System.Reflection;
using Dashboard.Domain.Access;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.ReferenceData;

namespace Dashboard.Tests.Support;

/// <summary>
/// Builds the lists, fields and owner that <see cref="CardDraftValidator"/> checks a draft against,
/// without a database. Ids are given by hand as the database would.
/// </summary>
public sealed class ValidationContextBuilder
{
    private readonly Dictionary<int, ListItem> _items = [];
    private readonly Dictionary<int, Tag> _tags = [];
    private readonly List<CustomFieldDefinition> _fields = [];
    private readonly HashSet<int> _listIdsOnCard = [];
    private readonly HashSet<int> _tagIdsOnCard = [];
    private StaffMember? _owner = new(Guid.NewGuid(), "test-owner", "Owner", null, null);
    private string _phoneRegion = "CN";
    private int _nextId = 1;

    public StaffMember? Owner => _owner;

    /// <summary>Adds a list entry and returns its id.</summary>
    public int AddListItem(ListKind kind, string name, bool retired = false, bool alreadyOnCard = false)
    {
        var item = WithId(new ListItem(kind, name, _nextId * 10), _nextId++);
        if (retired)
        {
            item.SetActive(false);
        }

        if (alreadyOnCard)
        {
            _listIdsOnCard.Add(item.Id);
        }

        _items[item.Id] = item;
        return item.Id;
    }

    /// <summary>Adds a tag (in a "Relationship" group) and returns its id.</summary>
    public int AddTag(string name, bool retired = false, bool alreadyOnCard = false)
    {
        var groupId = _items.Values.FirstOrDefault(i => i.Kind == ListKind.TagGroup)?.Id ?? AddListItem(ListKind.TagGroup, "Relationship");
        var tag = WithId(new Tag(name, groupId), _nextId++);
        if (retired)
        {
            tag.SetActive(false);
        }

        if (alreadyOnCard)
        {
            _tagIdsOnCard.Add(tag.Id);
        }

        _tags[tag.Id] = tag;
        return tag.Id;
    }

    /// <summary>Adds a custom field and returns its id; choice fields take their options from <paramref name="options"/>.</summary>
    public int AddCustomField(string label, CustomFieldType type, bool required = false, string[]? options = null, CardKind? appliesTo = null, bool retired = false)
    {
        var field = WithId(new CustomFieldDefinition(label, type, required, options, appliesTo, _nextId * 10), _nextId++);
        if (retired)
        {
            field.SetActive(false);
        }

        _fields.Add(field);
        return field.Id;
    }

    public ValidationContextBuilder WithoutOwner()
    {
        _owner = null;
        return this;
    }

    public ValidationContextBuilder WithPhoneRegion(string region)
    {
        _phoneRegion = region;
        return this;
    }

    public CardValidationContext Build() => new(_phoneRegion, _items, _tags, _fields, _owner, _listIdsOnCard, _tagIdsOnCard);

    /// <summary>Sets the database-generated id that the entity's private setter guards.</summary>
    private static T WithId<T>(T entity, int id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }
}
