// Example: feed a C++/libtorch training loop from a bucket with shardscope.
//
//   shardscope-example-batches ais://bucket/shards/ [--batch 32] [--workers 4]
//       WebDataset shards with .png images and .cls labels -> batches of
//       images [B, H, W, C] uint8 and labels [B] int64 (the loader core's
//       multi-worker shard reader)
//   shardscope-example-batches ais://bucket/objects/ --objects [--batch 32] [--workers 4]
//       plain objects -> torch::data::make_data_loader over ObjectDataset,
//       stacked into [B, ...] tensors
//
// The endpoint comes from AIS_ENDPOINT (s3:// from AWS_ENDPOINT_URL).

#include "core/data/loader.h"
#include "core/decode/decoded.h"
#include "core/storage/store_factory.h"
#include "core/storage/store_url.h"
#include "core/torch/sample_dataset.h"
#include "core/torch/tensor_convert.h"
#include "core/util/error.h"

#include <cstdlib>
#include <cstring>
#include <iostream>

using namespace shardscope;

namespace {

int usage()
{
    std::cerr << "usage: shardscope-example-batches URL [--objects] [--batch N] [--workers W] [--max-batches K]\n";
    return 2;
}

std::string shape(const torch::Tensor &t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "] " + std::string(c10::toString(t.scalar_type()));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    std::string url = argv[1];
    bool objects = false;
    int batch = 32, workers = 4;
    long maxBatches = -1;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> long { return i + 1 < argc ? std::atol(argv[++i]) : 0; };
        if (a == "--objects")
            objects = true;
        else if (a == "--batch")
            batch = static_cast<int>(value());
        else if (a == "--workers")
            workers = static_cast<int>(value());
        else if (a == "--max-batches")
            maxBatches = value();
        else
            return usage();
    }
    if (batch < 1 || workers < 1)
        return usage();
    try {
        const StoreUrl parsed = parseStoreUrl(url);
        StoreLocation loc = openStore(parsed, StoreOptions{});
        ListRequest req;
        req.prefix = loc.path;
        std::vector<std::string> names;
        for (auto &o : loc.store->listAll(loc.bucket, req))
            names.push_back(o.name);
        auto factory = [parsed] { return openStore(parsed, StoreOptions{}).store; };

        long emitted = 0;
        if (objects) {
            auto dataset = torchx::ObjectDataset(factory, loc.bucket, names)
                               .map(torch::data::transforms::Stack<>());
            auto loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
                std::move(dataset), torch::data::DataLoaderOptions().batch_size(batch).workers(workers));
            for (auto &b : *loader) {
                std::cout << "batch " << emitted << ": data " << shape(b.data) << ", target " << shape(b.target)
                          << "\n";
                if (++emitted == maxBatches)
                    break;
            }
        } else {
            LoaderOptions opts;
            opts.workers = workers;
            Loader loader(Loader::Mode::Shards, factory, loc.bucket, names, opts);
            std::vector<torch::Tensor> images, labels;
            LoaderItem item;
            auto flush = [&] {
                std::cout << "batch " << emitted << ": images " << shape(torchx::collate(images)) << ", labels "
                          << shape(torchx::collate(labels)) << "\n";
                images.clear();
                labels.clear();
                ++emitted;
            };
            while (loader.next(item)) {
                const Sample &s = item.sample;
                const std::string *png = s.member("png"), *cls = s.member("cls");
                if (!png || !cls)
                    continue; // not an image sample
                const std::string what = loc.store->url(loc.bucket, s.shard) + " sample " + s.key;
                images.push_back(torchx::toTensor(decodeMember("png", *png, what + " member png")));
                labels.push_back(torchx::toTensor(decodeMember("cls", *cls, what + " member cls")));
                if (static_cast<int>(images.size()) == batch) {
                    flush();
                    if (emitted == maxBatches) {
                        loader.cancel();
                        break;
                    }
                }
            }
            if (!images.empty() && emitted != maxBatches)
                flush();
        }
        std::cout << emitted << " batches\n";
        return 0;
    } catch (const Error &e) {
        std::cerr << "shardscope-example-batches: " << e.what() << "\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "shardscope-example-batches: " << e.what() << "\n";
        return 1;
    }
}
