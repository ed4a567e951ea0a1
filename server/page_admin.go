package server

func (s *Server) adminPages() []pageRoute { return nil }
