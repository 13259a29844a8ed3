package dev.stratagem.runtime.history;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import dev.stratagem.api.CycleRecord;
import java.io.IOException;
import java.util.List;

/**
 * The payload of a {@code cycle_blocks} row, format {@value #FORMAT}: the block's cycle records as one Smile
 * (binary JSON) array, with the same field mapping as {@link CycleJson}. Smile keeps doubles as their bits (NaN
 * included) and writes a repeated field name or short string (a symbol, a status, a component id) once per
 * block and a back-reference after, so a block of similar records stays small without a compressor.
 * {@code decode(encode(records)).equals(records)}.
 */
final class CycleBlockCodec {

    /** The {@code format} column of the blocks this codec writes. */
    static final int FORMAT = 1;

    private static final TypeReference<List<CycleRecord>> RECORDS = new TypeReference<>() {};
    private static final SmileMapper MAPPER = SmileMapper.builder()
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
            .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(RECORDS);
    private static final ObjectReader READER = MAPPER.readerFor(RECORDS);

    private CycleBlockCodec() {}

    static byte[] encode(List<CycleRecord> records) {
        try {
            return WRITER.writeValueAsBytes(records);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the cycle block " + records.getFirst().composeId()
                    + " .. " + records.getLast().composeId(), e);
        }
    }

    /**
     * @param format the block's {@code format} column
     * @param payload the block's payload
     * @param where the run and first sequence, for the error message
     * @return the records, in sequence order
     * @throws IllegalStateException if the payload is not a block of this format
     */
    static List<CycleRecord> decode(int format, byte[] payload, String where) {
        if (format != FORMAT) {
            throw new IllegalStateException("cycle block " + where + " has format " + format + "; this runtime reads "
                    + "format " + FORMAT + " (written by a newer Stratagem?)");
        }
        try {
            return READER.readValue(payload);
        } catch (IOException e) {
            throw new IllegalStateException("cycle block " + where + " is not readable: " + e.getMessage(), e);
        }
    }
}
