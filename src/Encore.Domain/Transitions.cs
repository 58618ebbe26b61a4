using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Encore.Domain;

/// <summary>
/// A state machine as a table: each row names a status, an action allowed from it, and the status it leads to.
/// Anything not in the table is refused. Some actions are never asked for on the item itself but follow from
/// something else (a hold running out, the bill of a room): they are moves of the machine all the same, and
/// <see cref="Offered"/> leaves them out of what a screen may offer.
/// </summary>
public sealed class Transitions<TStatus, TAction>(params TAction[] automatic) : IEnumerable<Transitions<TStatus, TAction>.Move>
    where TStatus : struct, Enum
    where TAction : struct, Enum
{
    public readonly record struct Move(TStatus From, TAction Action, TStatus To);

    private readonly List<Move> moves = [];
    private readonly HashSet<TAction> automatic = [.. automatic];

    /// <summary>One row; a second row for the same status and action is a mistake in the table.</summary>
    public void Add(TStatus from, TAction action, TStatus to)
    {
        if (Next(from, action) is not null) throw new ArgumentException($"{typeof(TStatus).Name}: {from} --{action}--> twice");
        moves.Add(new Move(from, action, to));
    }

    /// <summary>Where <paramref name="action"/> leads from <paramref name="from"/>, or null when it is not allowed.</summary>
    public TStatus? Next(TStatus from, TAction action)
    {
        foreach (var m in moves)
            if (EqualityComparer<TStatus>.Default.Equals(m.From, from) && EqualityComparer<TAction>.Default.Equals(m.Action, action))
                return m.To;
        return null;
    }

    public bool CanMove(TStatus from, TAction action) => Next(from, action) is not null;

    /// <summary>The status after the move; a move the table refuses is a bug in the caller (check <see cref="CanMove"/> first).</summary>
    public TStatus Apply(TStatus from, TAction action) =>
        Next(from, action) ?? throw new InvalidOperationException($"{typeof(TStatus).Name}: {action} is not allowed from {from}");

    /// <summary>Every action allowed from <paramref name="from"/>, in the table's order.</summary>
    public IReadOnlyList<TAction> Allowed(TStatus from) =>
        moves.Where(m => EqualityComparer<TStatus>.Default.Equals(m.From, from)).Select(m => m.Action).ToList();

    /// <summary>The statuses <paramref name="action"/> is allowed from (to find the rows a sweeper must look at).</summary>
    public IReadOnlyList<TStatus> From(TAction action) =>
        moves.Where(m => EqualityComparer<TAction>.Default.Equals(m.Action, action)).Select(m => m.From).ToList();

    /// <summary>The actions a person may ask for from <paramref name="from"/>: <see cref="Allowed"/> without the automatic ones.</summary>
    public IReadOnlyList<TAction> Offered(TStatus from) => Allowed(from).Where(a => !automatic.Contains(a)).ToList();

    public bool IsAutomatic(TAction action) => automatic.Contains(action);

    public IEnumerator<Move> GetEnumerator() => moves.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The written form of a status or kind: its name in camelCase ("offPost", "proposed"), as the API's JSON and,
/// for the statuses stored that way, the database spell it.
/// </summary>
public static class Codes
{
    public static string Code<T>(this T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The value whose <see cref="Code{T}"/> is exactly <paramref name="code"/> (case-sensitive, names only, no numbers).</summary>
    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (candidate.Code() == code) { value = candidate; return true; }
        value = default;
        return false;
    }

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name}");
}

/// <summary>
/// Writes a status as its code in any JSON, not only the API's (the audit log's before/after too): for the
/// statuses that were plain strings before they were types, so every place shows the same text as before.
/// </summary>
public sealed class CodeJsonConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Codes.TryParse<T>(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"not a {typeof(T).Name}");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
}
