using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Quality;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// The "verify card" dialog: one row per basic field and contact point with the outcome (not checked, confirmed,
/// corrected with the new value, unreachable) and how it was checked. Saved through <see cref="VerificationService"/>,
/// which validates corrections like the edit form; errors show on their rows.
/// </summary>
public sealed partial class VerifyCardDialog
{
    private List<Row> _rows = [];
    private VerificationMethod _method = VerificationMethod.Phone;
    private IReadOnlyList<FieldError> _errors = [];
    private string? _message;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private VerificationService Verifications { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Parameter, EditorRequired]
    public CardDetails Card { get; set; } = default!;

    protected override void OnInitialized()
    {
        var rows = new List<Row>();
        void Basic(QualityFields field, string name, string? value)
        {
            if (value is not null)
            {
                rows.Add(new Row(field.ToString(), field, null, name, value, Card.Quality?.VerifiedOn(field)));
            }
        }

        Basic(QualityFields.Name, Card.Kind == CardKind.Company ? L["Contact person"] : L["Name"], Card.Name);
        Basic(QualityFields.Company, L["Company"], Card.Company);
        Basic(QualityFields.Title, L["Title"], Card.Title);
        Basic(QualityFields.Address, L["Address"], Card.Address);
        foreach (var point in Card.Phones.Concat(Card.Emails))
        {
            var kind = point.Kind == ContactKind.Phone ? QualityFields.Phone : QualityFields.Email;
            rows.Add(new Row(VerificationItem.ContactKey(point.Id), kind, point.Id, $"{QualityText.Field(L, kind)} · {point.Label}", point.Display, point.LastVerifiedOn));
        }

        _rows = rows;
    }

    private string? ErrorOf(Row row) => L.ErrorFor(_errors, row.Key);

    private void SetMethod(VerificationMethod method)
    {
        _method = method;
        foreach (var row in _rows)
        {
            row.Method = method;
        }
    }

    private void ConfirmRest()
    {
        foreach (var row in _rows.Where(r => r.Outcome is null))
        {
            row.Outcome = VerificationOutcome.Confirmed;
        }
    }

    private async Task SaveAsync()
    {
        var items = _rows.Where(r => r.Outcome is not null)
            .Select(r => new VerificationItem(r.ContactPointId is null ? r.Field : QualityFields.None, r.ContactPointId, r.Outcome!.Value, r.Method,
                r.Outcome == VerificationOutcome.Corrected ? r.NewValue : null))
            .ToList();
        if (items.Count == 0)
        {
            return;
        }

        _busy = true;
        var result = await Verifications.VerifyAsync(await CurrentActor.GetAsync(), Card.Id, Card.DetailsVersion, items);
        _busy = false;
        if (result.Succeeded)
        {
            MudDialog.Close(DialogResult.Ok(items.Count));
            return;
        }

        _errors = result.Errors;
        var unplaced = result.Errors.Where(e => _rows.All(r => r.Key != e.Field)).ToList();
        _message = result.Message ?? (unplaced.Count > 0
            ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Correct these in the edit form first: {0}"], string.Join(" ", unplaced.Select(L.Text)))
            : null);
    }

    /// <summary>One value in the dialog; its <see cref="Key"/> is the name the service's errors carry.</summary>
    private sealed class Row(string key, QualityFields field, Guid? contactPointId, string name, string current, DateOnly? lastVerifiedOn)
    {
        public string Key { get; } = key;

        public QualityFields Field { get; } = field;

        public Guid? ContactPointId { get; } = contactPointId;

        public string Name { get; } = name;

        public string Current { get; } = current;

        public DateOnly? LastVerifiedOn { get; } = lastVerifiedOn;

        public VerificationOutcome? Outcome { get; set; }

        public VerificationMethod Method { get; set; } = VerificationMethod.Phone;

        public string? NewValue { get; set; }
    }
}
