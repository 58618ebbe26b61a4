using System.Text.Json.Serialization;

namespace Encore.Web.Platform;

/// <summary>The API's JSON: camelCase, enums as camelCase strings, times of day as "HH:mm".</summary>
public static class EncoreJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>A name as the API writes it (an enum value stored or shown as text).</summary>
    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static string Camel<T>(T value) where T : struct, Enum => Camel(value.ToString());

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new TimeOfDayConverter());
        return o;
    }

    private sealed class TimeOfDayConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
            && TimeOnly.TryParseExact(reader.GetString(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new JsonException("A time of day is written HH:mm.");

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
