#include "local_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstring>
#include <stdexcept>

namespace {

int listenOn(int *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error("socket() failed");
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0) {
        ::close(fd);
        throw std::runtime_error("bind/listen on 127.0.0.1 failed");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

size_t contentLength(const std::string &head)
{
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto pos = lower.find("\r\ncontent-length:");
    if (pos == std::string::npos)
        return 0;
    return std::stoul(lower.substr(pos + 17));
}

} // namespace

LocalServer::LocalServer(Handler handler) : m_handler(std::move(handler))
{
    m_listenFd = listenOn(&m_port);
    m_thread = std::thread([this] { serve(); });
}

LocalServer::~LocalServer()
{
    m_stop = true;
    ::shutdown(m_listenFd, SHUT_RDWR);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (int fd : m_openFds)
            ::shutdown(fd, SHUT_RDWR);
    }
    m_thread.join();
    for (auto &w : m_workers)
        w.join();
    ::close(m_listenFd);
}

std::vector<LocalServer::Request> LocalServer::requests() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_requests;
}

int LocalServer::closedPort()
{
    int port = 0;
    const int fd = listenOn(&port);
    ::close(fd);
    return port;
}

void LocalServer::serve()
{
    while (!m_stop) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        ++m_connections;
        std::lock_guard<std::mutex> lock(m_mutex);
        m_openFds.push_back(fd);
        m_workers.emplace_back([this, fd] { handle(fd); });
    }
}

void LocalServer::handle(int fd)
{
    std::string data;
    char buf[4096];
    while (!m_stop) {
        Request req;
        size_t headEnd;
        while ((headEnd = data.find("\r\n\r\n")) == std::string::npos) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                goto done;
            data.append(buf, static_cast<size_t>(n));
        }
        req.head = data.substr(0, headEnd + 2);
        data.erase(0, headEnd + 4);
        {
            const size_t need = contentLength(req.head);
            while (data.size() < need) {
                const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                if (n <= 0)
                    goto done;
                data.append(buf, static_cast<size_t>(n));
            }
            req.body = data.substr(0, need);
            data.erase(0, need);
        }
        {
            const auto sp1 = req.head.find(' ');
            const auto sp2 = req.head.find(' ', sp1 + 1);
            req.method = req.head.substr(0, sp1);
            req.target = req.head.substr(sp1 + 1, sp2 - sp1 - 1);
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_requests.push_back(req);
        }
        std::string reply = m_handler(req);
        bool closeAfter = false;
        if (reply.rfind(kCloseAfter, 0) == 0) {
            reply.erase(0, std::strlen(kCloseAfter));
            closeAfter = true;
        }
        if (reply.empty()) { // stay silent until the client gives up or we stop
            while (!m_stop && ::recv(fd, buf, sizeof buf, 0) > 0) {
            }
            break;
        }
        if (reply.rfind(kDrip, 0) == 0) {
            reply.erase(0, std::strlen(kDrip));
            const size_t head = std::min(reply.size(), reply.find("\r\n\r\n") + 4);
            if (::send(fd, reply.data(), head, MSG_NOSIGNAL) != static_cast<ssize_t>(head))
                goto done;
            for (size_t i = head; i < reply.size() && !m_stop; ++i) {
                if (::send(fd, reply.data() + i, 1, MSG_NOSIGNAL) != 1)
                    goto done;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            continue;
        }
        size_t sent = 0;
        while (sent < reply.size()) {
            const ssize_t n = ::send(fd, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                goto done;
            sent += static_cast<size_t>(n);
        }
        if (closeAfter)
            break;
    }
done:
    std::lock_guard<std::mutex> lock(m_mutex);
    m_openFds.erase(std::remove(m_openFds.begin(), m_openFds.end(), fd), m_openFds.end());
    ::close(fd);
}
