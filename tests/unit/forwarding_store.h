#pragma once
// A store that passes every call to another one: tests derive from it and
// override the one call they change (a GET that waits at a gate, or throws).

#include "core/storage/store.h"

#include <memory>
#include <string>
#include <vector>

namespace shardscope::testdata {

class ForwardingStore : public Store
{
public:
    explicit ForwardingStore(std::unique_ptr<Store> inner) : m_inner(std::move(inner)) {}
    std::string scheme() const override { return m_inner->scheme(); }
    std::string url(const std::string &b, const std::string &o = {}) const override
    {
        return m_inner->url(b, o);
    }
    std::vector<std::string> listBuckets() override { return m_inner->listBuckets(); }
    ListPage listPage(const std::string &b, const ListRequest &r, const std::string &t) override
    {
        return m_inner->listPage(b, r, t);
    }
    std::vector<ArchiveMember> listArchive(const std::string &b, const std::string &o) override
    {
        return m_inner->listArchive(b, o);
    }
    ObjectInfo head(const std::string &b, const std::string &o) override { return m_inner->head(b, o); }
    std::uint64_t get(const std::string &b, const std::string &o, const GetRequest &r,
                      const BodySink &s) override
    {
        return m_inner->get(b, o, r, s);
    }
    void put(const std::string &b, const std::string &o, const UploadSource &s) override
    {
        m_inner->put(b, o, s);
    }
    void createBucket(const std::string &b) override { m_inner->createBucket(b); }
    void destroyBucket(const std::string &b) override { m_inner->destroyBucket(b); }

private:
    std::unique_ptr<Store> m_inner;
};

} // namespace shardscope::testdata
