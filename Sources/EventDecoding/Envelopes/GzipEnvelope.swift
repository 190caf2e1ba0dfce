import CompressNIO
import NIOCore

/// Unwraps gzip data (`1f 8b 08`): CloudWatch Logs subscription batches arrive this way, and some
/// producers compress their events.
///
/// The output is capped (`maxOutputBytes`, 64 MiB by default) so a small record that inflates to
/// gigabytes becomes an error event instead of exhausting memory. Truncated or corrupt streams are
/// errors too; concatenated gzip members (what `cat a.gz b.gz` makes) are read in turn.
public struct GzipEnvelope: ByteEnvelope {
    public var maxOutputBytes: Int

    public init(maxOutputBytes: Int = 64 << 20) {
        self.maxOutputBytes = maxOutputBytes
    }

    public func unwrap(_ bytes: [UInt8], metadata: RecordMetadata) -> EnvelopeResult? {
        // The third byte is the compression method; 8 (deflate) is the only one gzip defines, and
        // checking it keeps binary data that merely starts with 1f 8b from being reported as a bad gzip.
        guard bytes.count >= 3, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 0x08 else { return nil }
        switch Self.inflate(bytes, limit: maxOutputBytes) {
        case .success(let output):
            return .payloads([EnvelopePayload(bytes: output, metadata: metadata, label: "gzip")])
        case .failure(let error):
            return .failed("gzip: \(error.reason)")
        }
    }

    struct InflateError: Error {
        var reason: String
    }

    /// Inflates every gzip member in `bytes`. CompressNIO's one-shot `decompress(with:maxSize:)`
    /// returns what it has when the input runs out mid-stream, so this drives `ZlibDecompressor`
    /// itself and checks that each member reached its end.
    static func inflate(_ bytes: [UInt8], limit: Int) -> Result<[UInt8], InflateError> {
        var input = ByteBuffer(bytes: bytes)
        var output: [UInt8] = []
        var chunkSize = min(max(bytes.count * 4, 4096), 1 << 20)
        do {
            while input.readableBytes > 0 {
                // Anything after a member other than another member is not gzip; zero padding
                // (tape-style) is tolerated, as gzip(1) does.
                let view = input.readableBytesView
                if view.count < 2 || view.first != 0x1F || view[view.startIndex + 1] != 0x8B {
                    if view.allSatisfy({ $0 == 0 }) { break }
                    return .failure(InflateError(reason: "\(view.count) bytes of trailing data after the compressed stream"))
                }
                let decompressor = try ZlibDecompressor(algorithm: .gzip)
                var ended = false
                while !ended {
                    var chunk = ByteBufferAllocator().buffer(capacity: chunkSize)
                    let consumedBefore = input.readerIndex
                    do {
                        try decompressor.inflate(from: &input, to: &chunk)
                        // No error: either the member ended, or the input ran out with room left in
                        // the output. One more call on no input tells them apart.
                        ended = true
                    } catch let error as CompressNIOError where error == .bufferOverflow {
                        // The output chunk is full; keep going with a bigger one.
                        chunkSize = min(chunkSize * 2, 8 << 20)
                    } catch let error as CompressNIOError where error == .inputBufferOverflow {
                        return .failure(InflateError(reason: "truncated stream"))
                    }
                    output.append(contentsOf: chunk.readableBytesView)
                    if output.count > limit {
                        return .failure(InflateError(reason: "inflates to more than \(limit >> 20) MiB"))
                    }
                    if ended && input.readableBytes == 0 {
                        // The input is used up: the member must have reached its end.
                        var empty = ByteBuffer(bytes: [0])
                        empty.moveReaderIndex(forwardBy: 1)
                        var probe = ByteBufferAllocator().buffer(capacity: 64)
                        do {
                            try decompressor.inflate(from: &empty, to: &probe)
                        } catch {
                            return .failure(InflateError(reason: "truncated stream"))
                        }
                        if probe.readableBytes > 0 { return .failure(InflateError(reason: "truncated stream")) }
                    }
                    if !ended && input.readerIndex == consumedBefore && chunk.readableBytes == 0 {
                        return .failure(InflateError(reason: "no progress inflating"))
                    }
                }
            }
        } catch let error as CompressNIOError {
            return .failure(InflateError(reason: error == .corruptData ? "corrupt data" : error.description))
        } catch {
            return .failure(InflateError(reason: "\(error)"))
        }
        return .success(output)
    }
}
