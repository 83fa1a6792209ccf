namespace Dashboard.Domain.CustomFields;

/// <summary>The stored value of one custom field on one card.</summary>
public sealed class CustomFieldValue
{
    private CustomFieldValue()
    {
        Value = string.Empty;
    }

    internal CustomFieldValue(CustomFieldDefinition field, string value)
    {
        Field = field;
        FieldId = field.Id;
        Value = value;
    }

    public Guid CardId { get; private set; }

    public int FieldId { get; private set; }

    public CustomFieldDefinition? Field { get; private set; }

    public string Value { get; private set; }

    internal void Set(string value) => Value = value;
}
