using Microsoft.AspNetCore.Authorization;

namespace Encore.Web.Platform;

/// <summary>
/// The capability table (<see cref="Capabilities"/>) as ASP.NET Core authorization: one named policy per
/// capability, required by endpoints with <see cref="Requires{TBuilder}"/> and by pages with
/// <see cref="RequiresAttribute"/>. The endpoint also carries the capability as metadata, so the authorization
/// matrix test and the OpenAPI document can name it.
/// </summary>
public static class CapabilityPolicies
{
    public static string PolicyName(Capability capability) => "capability:" + capability;

    public static void AddCapabilityPolicies(this AuthorizationOptions options)
    {
        foreach (var (capability, roles) in Capabilities.Table)
            options.AddPolicy(PolicyName(capability), p => p.RequireRole(roles));
    }

    public static TBuilder Requires<TBuilder>(this TBuilder builder, Capability capability) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequiresAttribute(capability));
}

/// <summary>A page or endpoint that only holders of a capability may reach.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequiresAttribute(Capability capability) : AuthorizeAttribute(CapabilityPolicies.PolicyName(capability))
{
    public Capability Capability { get; } = capability;
}
