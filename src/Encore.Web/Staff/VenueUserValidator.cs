using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Encore.Web.Staff;

/// <summary>
/// Identity's user check with badges unique within a venue (issue 21), not across the installation: Identity's own
/// validator looks the name up installation-wide and would call another venue's m01 a duplicate. The characters allowed
/// stay Identity's setting (Platform/Security.cs); the database's unique index (VenueId, NormalizedUserName) decides races.
/// </summary>
public sealed class VenueUserValidator(EncoreDb db, IOptions<IdentityOptions> options) : IUserValidator<StaffMember>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<StaffMember> manager, StaffMember user)
    {
        var name = await manager.GetUserNameAsync(user);
        var describer = manager.ErrorDescriber;
        if (string.IsNullOrWhiteSpace(name)) return IdentityResult.Failed(describer.InvalidUserName(name));
        var allowed = options.Value.User.AllowedUserNameCharacters;
        if (!string.IsNullOrEmpty(allowed) && name.Any(c => !allowed.Contains(c))) return IdentityResult.Failed(describer.InvalidUserName(name));
        var normalized = manager.NormalizeName(name);
        var taken = await db.Users.AnyAsync(u => u.VenueId == user.VenueId && u.NormalizedUserName == normalized && u.Id != user.Id);
        return taken ? IdentityResult.Failed(describer.DuplicateUserName(name)) : IdentityResult.Success;
    }
}
