using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Customers;

/// <summary>
/// Shows one masked value of a card in full to a viewer who sees it masked (PRODUCT.md C5: SalesManager and Admin,
/// "masked, reveal logged"). The reveal is written to the audit trail — which value of which card, by whom, not the
/// value itself — and only once that entry is saved is the value handed out. Roles that may not view the card
/// (Finance, Auditor, other teams) are refused and nothing is logged; viewers who see the value in full anyway get it
/// without a log entry.
/// </summary>
public sealed class CardRevealService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, ILogger<CardRevealService> logger)
{
    public const string RevealedAction = "contact.revealed";

    /// <summary>Reveals a phone or e-mail (<paramref name="contactPointId"/>) or, with none, the card's address.</summary>
    public async Task<CommandResult<RevealedValue>> RevealAsync(Actor actor, Guid cardId, Guid? contactPointId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.AsNoTracking()
            .Where(c => c.Id == cardId)
            .Select(c => new { c.Id, c.Code, c.OwnerId, c.TeamId, c.Address })
            .SingleOrDefaultAsync(ct);
        if (card is null)
        {
            return CommandResult<RevealedValue>.From(CommandResult.NotFound());
        }

        if (!CardAccess.CanViewCard(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<RevealedValue>.From(CommandResult.Forbidden("You cannot view this customer card."));
        }

        string field;
        string value;
        if (contactPointId is { } pointId)
        {
            var point = await db.ContactPoints.AsNoTracking()
                .Where(p => p.Id == pointId && p.CardId == cardId)
                .Select(p => new { p.Kind, p.Label, p.Value })
                .SingleOrDefaultAsync(ct);
            if (point is null)
            {
                return CommandResult<RevealedValue>.From(CommandResult.NotFound("The phone number or e-mail address is no longer on this card."));
            }

            field = $"{(point.Kind == ContactKind.Phone ? "Phone" : "E-mail")} ({point.Label})";
            value = point.Kind == ContactKind.Phone ? PhoneNumber.Display(point.Value) : point.Value;
        }
        else
        {
            if (string.IsNullOrEmpty(card.Address))
            {
                return CommandResult<RevealedValue>.From(CommandResult.NotFound("The card has no address."));
            }

            field = "Address";
            value = card.Address;
        }

        if (CardAccess.CanSeeContactsUnmasked(actor, card.OwnerId, card.TeamId))
        {
            return new RevealedValue(value, Logged: false);
        }

        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, RevealedAction, "CustomerCard", card.Code,
            $"Revealed {field} of {card.Code}", [new FieldChange(field, null, null)]);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Actor} revealed {Field} of {Card}", actor.DisplayName, field, card.Code);
        return new RevealedValue(value, Logged: true);
    }
}

/// <summary>A value shown in full; <see cref="Logged"/> says whether the reveal went to the audit trail.</summary>
public sealed record RevealedValue(string Value, bool Logged);
