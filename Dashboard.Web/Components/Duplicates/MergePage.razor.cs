using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Duplicates;

/// <summary>Two cards side by side: the user picks the surviving value of each field that differs, then merges.</summary>
public sealed partial class MergePage
{
    private readonly MergeRequest _request = new();
    private CardDetails? _survivor;
    private CardDetails? _other;
    private string? _message;
    private bool _busy;

    [Inject]
    private CustomerCardQueries Queries { get; set; } = default!;

    [Inject]
    private MergeService Merges { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "a")]
    private Guid A { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    private Guid B { get; set; }

    [SupplyParameterFromQuery(Name = "candidate")]
    private Guid? Candidate { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var (a, b) = (await Queries.GetAsync(actor, A), await Queries.GetAsync(actor, B));
        if (!a.Succeeded || !b.Succeeded)
        {
            _message = L.Message(a.Succeeded ? b : a);
            return;
        }

        (_survivor, _other) = (a.Value, b.Value);
        _request.CandidateId = Candidate;
        ResetChoices();
    }

    private MergeSide Side(MergeField field) => _request.Choices.GetValueOrDefault(field);

    private void Swap()
    {
        (_survivor, _other) = (_other, _survivor);
        ResetChoices();
    }

    /// <summary>The survivor's values, except where it has none and the other card has one.</summary>
    private void ResetChoices()
    {
        _request.SurvivorId = _survivor!.Id;
        _request.OtherId = _other!.Id;
        _request.Choices.Clear();
        foreach (var field in Enum.GetValues<MergeField>())
        {
            _request.Choices[field] = Show(field, _survivor) is null && Show(field, _other) is not null ? MergeSide.Other : MergeSide.Survivor;
        }
    }

    private async Task MergeAsync()
    {
        _busy = true;
        try
        {
            var result = await Merges.MergeAsync(await CurrentActor.GetAsync(), _request);
            if (result.Succeeded)
            {
                Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["{0} was merged into {1}."], _other!.Code, result.Value!.SurvivorCode), Severity.Success);
                Navigation.NavigateTo($"customers/{result.Value.SurvivorId}");
                return;
            }

            _message = L.Message(result) ?? string.Join(" ", result.Errors.Select(e => L.Text(e)));
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? Contacts(IReadOnlyList<ContactPointView> points) => points.Count == 0 ? null : string.Join(", ", points.Select(p => p.Display));

    private string? Show(MergeField field, CardDetails card) => field switch
    {
        MergeField.Kind => L[card.Kind.ToString()],
        MergeField.Name => card.Name,
        MergeField.Company => card.Company,
        MergeField.Title => card.Title,
        MergeField.Industry => card.Industry?.Name,
        MergeField.Region => card.Region?.Name,
        MergeField.Address => card.Address,
        MergeField.Postcode => card.Postcode,
        MergeField.DateOfBirth => card.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MergeField.SourceChannel => card.SourceChannel?.Name,
        MergeField.Owner => card.OwnerName,
        MergeField.NextFollowUp => card.NextFollowUp?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MergeField.SpecialNeeds => card.SpecialNeeds,
        _ => null,
    };

    private string FieldLabel(MergeField field) => field switch
    {
        MergeField.Kind => L["Kind"],
        MergeField.Name => L["Name"],
        MergeField.Company => L["Company"],
        MergeField.Title => L["Title"],
        MergeField.Industry => L["Industry"],
        MergeField.Region => L["Region"],
        MergeField.Address => L["Address"],
        MergeField.Postcode => L["Postcode"],
        MergeField.DateOfBirth => L["Date of birth"],
        MergeField.SourceChannel => L["Source channel"],
        MergeField.Owner => L["Owner"],
        MergeField.NextFollowUp => L["Next follow-up"],
        MergeField.SpecialNeeds => L["Special needs"],
        _ => field.ToString(),
    };
}
