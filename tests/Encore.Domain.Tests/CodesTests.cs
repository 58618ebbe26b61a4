using System.Text.Json;
using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>The written form of statuses and kinds: what the database and the API's JSON have always said.</summary>
public sealed class CodesTests
{
    [Theory]
    [InlineData(SystemViolation.Late, "late")]
    [InlineData(SystemViolation.Absent, "absent")]
    [InlineData(SystemViolation.UnapprovedLeave, "unapprovedLeave")]
    [InlineData(SystemViolation.OffPost, "offPost")]
    [InlineData(SystemViolation.Suspension, "suspension")]
    [InlineData(SystemViolation.Cheating, "cheating")]
    public void The_system_violation_kinds_are_the_catalogue_codes(SystemViolation kind, string code)
    {
        Assert.Equal(code, kind.Code());
    }

    [Theory]
    [InlineData(ViolationStatus.Proposed, "proposed")]
    [InlineData(ViolationStatus.Confirmed, "confirmed")]
    [InlineData(ViolationStatus.Appealed, "appealed")]
    [InlineData(ViolationStatus.Upheld, "upheld")]
    [InlineData(ViolationStatus.Overturned, "overturned")]
    public void Violation_statuses_keep_their_words(ViolationStatus status, string code)
    {
        Assert.Equal(code, status.Code());
        Assert.Equal(status, Codes.Parse<ViolationStatus>(code));
        Assert.Equal($"\"{code}\"", JsonSerializer.Serialize(status));
        Assert.Equal(status, JsonSerializer.Deserialize<ViolationStatus>($"\"{code}\""));
    }

    [Fact]
    public void Dispute_and_flag_statuses_keep_their_words_in_any_json()
    {
        Assert.Equal(["open", "upheld", "rejected"], Enum.GetValues<DisputeStatus>().Select(s => s.Code()));
        Assert.Equal(["open", "dismissed", "merged"], Enum.GetValues<CustomerFlagStatus>().Select(s => s.Code()));
        Assert.Equal("\"merged\"", JsonSerializer.Serialize(CustomerFlagStatus.Merged));
        Assert.Equal("\"rejected\"", JsonSerializer.Serialize(DisputeStatus.Rejected));
    }

    [Theory]
    [InlineData("Proposed")]
    [InlineData("PROPOSED")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_exact_word_parses(string? code)
    {
        Assert.False(Codes.TryParse<ViolationStatus>(code, out _));
    }
}
