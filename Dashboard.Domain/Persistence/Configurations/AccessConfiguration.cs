using Dashboard.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("Staff");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ExternalId).HasMaxLength(StaffMember.ExternalIdMaxLength);
        builder.HasIndex(s => s.ExternalId).IsUnique();
        builder.Property(s => s.DisplayName).HasMaxLength(StaffMember.NameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
        builder.HasIndex(t => t.Name).IsUnique();
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("SignInSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Roles).HasMaxLength(SignInSession.RolesMaxLength);
        builder.Property(s => s.Method).HasMaxLength(SignInSession.MethodMaxLength);
        builder.Property(s => s.ClientAddress).HasMaxLength(SignInSession.AddressMaxLength);
        builder.Property(s => s.EndReason).HasMaxLength(SignInSession.EndReasonMaxLength);
        builder.Ignore(s => s.IsActive);
        builder.HasIndex(s => new { s.StaffId, s.EndedAt });
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
